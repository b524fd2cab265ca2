// Applies pending migrations in prisma/migrations to the configured database: the
// PostgreSQL server at DATABASE_URL, or the embedded one in DATA_DIR. Works offline (no
// Prisma engine download) and records history in Prisma's own `_prisma_migrations` table.
import { getConfig } from "@/lib/config";
import { applyPendingMigrations, defaultMigrationsDir, openDatabase, pgConnection, withPgClient } from "@/lib/db";

async function main(): Promise<number> {
  const config = getConfig();
  const log = (line: string) => console.log(line);
  if (config.database.kind === "postgres") {
    const { applied } = await withPgClient(config.database.url, (client) => applyPendingMigrations(pgConnection(client), defaultMigrationsDir(), log));
    console.log(applied.length ? `Applied ${applied.length} migration(s) to PostgreSQL.` : "PostgreSQL is up to date.");
  } else {
    const opened = await openDatabase(config, { log });
    await opened.close();
    console.log(`Embedded database in ${config.database.dataDir} is up to date.`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
