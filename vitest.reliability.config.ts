import path from "node:path";
import { defineConfig } from "vitest/config";

// npm run test:reliability — the fault, fuzzing and access suite (tests/reliability). It runs
// the production build (`npm run build` first) on a private PostgreSQL server it may restart.
export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: `${path.resolve(import.meta.dirname)}/` }] },
  test: {
    environment: "node",
    include: ["tests/reliability/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
