import { defineConfig } from "prisma/config";

// The Prisma CLI only needs a URL for `prisma migrate deploy` on online machines; this
// project's own `npm run db:migrate` reads DATABASE_URL through lib/config instead. Reading
// process.env directly (not env()) keeps `prisma generate` working when it is unset.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
