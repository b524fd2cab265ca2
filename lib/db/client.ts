import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import type { AppConfig } from "@/lib/config";
import { PrismaClient } from "./generated/client";
import { openEmbeddedDatabase } from "./embedded";
import { applyPendingMigrations, type SqlConnection } from "./migrate";
import { pgliteRunner, poolRunner, type SqlRunner } from "./sql";

export type Db = PrismaClient;

export interface OpenDatabase {
  db: Db;
  /** Plain SQL on the same database, for measured hot paths. */
  sql: SqlRunner;
  kind: "postgres" | "embedded";
  close(): Promise<void>;
}

/** A node-postgres client seen as a migratable connection. */
export function pgConnection(client: pg.Client): SqlConnection {
  return {
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Prisma and the plain-SQL runner on one pool, so the pool size is the real connection limit. */
export function openPostgres(url: string, poolSize: number, log: ("query" | "warn")[] = ["warn"]): OpenDatabase {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops (a restart, a failover, an admin) is reported on
  // the pool; unheard, that event would crash the process. The pool replaces the connection.
  pool.on("error", (error) => console.warn(`PostgreSQL dropped an idle connection (${error.message}); the pool will open a new one.`));
  const db = new PrismaClient({ adapter: new PrismaPg(pool), log });
  return {
    db,
    sql: poolRunner(pool),
    kind: "postgres",
    close: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Opens the configured database. PostgreSQL is migrated by `npm run db:migrate` (at build or
 * deploy time); the embedded database migrates itself here, so `npm run dev` needs no set-up.
 */
export async function openDatabase(
  config: Pick<AppConfig, "database" | "logSql">,
  options: { migrationsDir?: string; log?: (line: string) => void } = {},
): Promise<OpenDatabase> {
  // Errors are thrown to the caller (and mapped or reported there), so logging them here would double them.
  const log = config.logSql ? (["query", "warn"] as const) : (["warn"] as const);
  if (config.database.kind === "postgres") return openPostgres(config.database.url, config.database.poolSize, [...log]);
  const embedded = await openEmbeddedDatabase(config.database.dataDir);
  try {
    await applyPendingMigrations(
      {
        query: async <Row>(sql: string, params?: unknown[]) => (await embedded.pglite.query<Row>(sql, params)).rows,
        exec: async (sql: string) => {
          await embedded.pglite.exec(sql);
        },
      },
      options.migrationsDir,
      options.log,
    );
  } catch (error) {
    await embedded.release();
    throw error;
  }
  const db = new PrismaClient({ adapter: new PrismaPGlite(embedded.pglite), log: [...log] });
  return {
    db,
    sql: pgliteRunner(embedded.pglite),
    kind: "embedded",
    close: async () => {
      await db.$disconnect();
      await embedded.release();
    },
  };
}
