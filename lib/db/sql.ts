import type { PGlite, Transaction as PGliteTransaction } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * Plain SQL on the same database as Prisma, for the few hot paths where Prisma's per-query
 * cost dominates (webhook intake: measured with `npm run bench:ingest`). Everything else
 * uses Prisma. Both PostgreSQL (node-postgres pool) and PGlite fit this interface.
 */
export interface SqlTx {
  /** Rows of a statement; parameters are $1, $2, … */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** The number of rows a statement inserted, updated or deleted. */
  execute(text: string, params?: unknown[]): Promise<number>;
}

export interface SqlRunner extends SqlTx {
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
}

export function poolRunner(pool: pg.Pool): SqlRunner {
  return {
    query: async <Row>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as Row[],
    execute: async (text, params) => (await pool.query(text, params)).rowCount ?? 0,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          query: async <Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as Row[],
          execute: async (text, params) => (await client.query(text, params)).rowCount ?? 0,
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

function pgliteTx(tx: PGlite | PGliteTransaction): SqlTx {
  return {
    query: async <Row>(text: string, params?: unknown[]) => (await tx.query<Row>(text, params)).rows,
    execute: async (text, params) => (await tx.query(text, params)).affectedRows ?? 0,
  };
}

export function pgliteRunner(pglite: PGlite): SqlRunner {
  return { ...pgliteTx(pglite), transaction: (fn) => pglite.transaction((tx) => fn(pgliteTx(tx))) };
}
