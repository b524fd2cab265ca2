import { getConfig } from "@/lib/config";
import { openDatabase, type Db, type OpenDatabase } from "./client";
import type { SqlRunner } from "./sql";
import type { Prisma } from "./generated/client";

/** A client or an open transaction: store functions accept either. */
export type DbOrTx = Db | Prisma.TransactionClient;

export { openDatabase, openPostgres, withPgClient, pgConnection, type Db, type OpenDatabase } from "./client";
export { applyPendingMigrations, readMigrationFiles, MigrationError, defaultMigrationsDir, type SqlConnection } from "./migrate";
export { EmbeddedDatabaseBusyError } from "./embedded";
export { isTransientDatabaseError } from "./transient";
export * from "./generated/client";

interface DbState {
  opening?: Promise<OpenDatabase>;
  override?: { db: Db; sql: SqlRunner };
}

// Kept on globalThis so Next's dev-mode module reloads reuse one connection (and, in
// embedded mode, one owner of the data folder).
const state: DbState = ((globalThis as { __opsDbState?: DbState }).__opsDbState ??= {});

/** The process-wide database client, opened (and, if embedded, migrated) on first use. */
async function opened(): Promise<{ db: Db; sql: SqlRunner }> {
  if (state.override) return state.override;
  state.opening ??= openDatabase(getConfig()).catch((error: unknown) => {
    state.opening = undefined;
    throw error;
  });
  return state.opening;
}

export async function getDb(): Promise<Db> {
  return (await opened()).db;
}

/** Plain SQL on the same database as getDb(), for measured hot paths (see sql.ts). */
export async function getSql(): Promise<SqlRunner> {
  return (await opened()).sql;
}

/** Points getDb()/getSql() at a database a test created; `undefined` restores the configured one. */
export function setDatabaseForTests(database: { db: Db; sql: SqlRunner } | undefined): void {
  state.override = database;
}

/** Closes the process-wide database (CLIs call this before exiting). */
export async function closeDb(): Promise<void> {
  const opening = state.opening;
  state.opening = undefined;
  if (opening) await (await opening).close();
}

export { pingDatabase, type DatabasePing } from "./ping";
export { newId } from "./ids";
export { poolRunner, pgliteRunner, type SqlRunner, type SqlTx, type SqlStatements } from "./sql";
export { foldStatements, renumberParams, type Statement } from "./fold-statements";
export { NotifyDebouncer } from "./notify-debouncer";
