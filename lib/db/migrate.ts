import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { planMigrations, type AppliedMigration, type MigrationFile } from "./migration-plan";

/** The least a connection must do to be migrated: PGlite and node-postgres both fit. */
export interface SqlConnection {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Prisma's own lock id (`prisma migrate deploy` takes the same), so the two never interleave. */
const PRISMA_MIGRATION_LOCK_ID = 72707369;

export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma", "migrations");

export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new MigrationError(`No migrations folder at ${migrationsDir}.`);
    throw error;
  });
  const files: MigrationFile[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const sqlPath = path.join(migrationsDir, entry.name, "migration.sql");
    const sql = await readFile(sqlPath, "utf8").catch(() => undefined);
    if (sql !== undefined) files.push({ name: entry.name, sql });
  }
  return files;
}

/**
 * Applies pending migrations and records them in Prisma's `_prisma_migrations` table, so a
 * database migrated here is accepted by `prisma migrate deploy` and the other way round.
 * Unlike Prisma, each migration runs inside a transaction: PostgreSQL DDL is transactional,
 * and a half-applied migration is the hardest state to recover from.
 */
export async function applyPendingMigrations(
  connection: SqlConnection,
  migrationsDir: string = defaultMigrationsDir(),
  log: (line: string) => void = () => {},
): Promise<{ applied: string[] }> {
  const files = await readMigrationFiles(migrationsDir);
  await connection.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
  await connection.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATION_LOCK_ID})`);
  try {
    const applied = await connection.query<AppliedMigration>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const plan = planMigrations(files, applied);
    if (!plan.ok) throw new MigrationError(plan.problem);
    for (const migration of plan.pending) {
      const id = randomUUID();
      log(`Applying migration ${migration.name}`);
      try {
        await connection.exec("BEGIN");
        await connection.exec(migration.sql);
        await connection.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, migration.checksum, migration.name],
        );
        await connection.exec("COMMIT");
      } catch (error) {
        await connection.exec("ROLLBACK").catch(() => {});
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
      }
    }
    return { applied: plan.pending.map((m) => m.name) };
  } finally {
    await connection.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATION_LOCK_ID})`).catch(() => {});
  }
}
