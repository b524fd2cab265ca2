import type { PGlite, Transaction as PGliteTransaction } from "@electric-sql/pglite";
import type pg from "pg";
import { foldStatements, type Statement } from "./fold-statements";

/**
 * Plain SQL on the same database as Prisma, for the few hot paths where Prisma's per-query
 * cost dominates (webhook intake: measured with `npm run bench:ingest`). Everything else
 * uses Prisma. Both PostgreSQL (node-postgres pool) and PGlite fit this interface.
 */
export interface SqlStatements {
  /** Rows of a statement; parameters are $1, $2, … */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** The number of rows a statement inserted, updated or deleted. */
  execute(text: string, params?: unknown[]): Promise<number>;
}

/**
 * Inside a transaction. Each statement is a round trip, and on the intake path round trips
 * were most of the server's CPU, so writes whose result nobody reads can be deferred and
 * sent together. Reads stay correct: `query` and `execute` first send what was deferred.
 */
export interface SqlTx extends SqlStatements {
  /** Queues a write whose result is not needed (no RETURNING, no row count). */
  defer(text: string, params?: unknown[]): void;
  /**
   * Runs this statement with the deferred writes folded in as CTEs: one round trip for all.
   * Only for a statement that does not read what they write (parts of one statement share a
   * snapshot and do not see each other's changes).
   */
  queryWithDeferred<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
}

export interface SqlRunner extends SqlStatements {
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
}

/** A transaction's statements with deferral; `flush` sends what is still queued. */
function deferring(statements: SqlStatements): SqlTx & { flush(): Promise<void> } {
  let pending: Statement[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const folded = foldStatements(pending, null);
    pending = [];
    await statements.execute(folded.text, folded.params);
  };
  return {
    query: async (text, params) => {
      await flush();
      return statements.query(text, params);
    },
    execute: async (text, params) => {
      await flush();
      return statements.execute(text, params);
    },
    defer: (text, params = []) => {
      pending.push({ text, params });
    },
    queryWithDeferred: async <Row>(text: string, params: unknown[] = []) => {
      const folded = foldStatements(pending, { text, params });
      pending = [];
      return statements.query<Row>(folded.text, folded.params);
    },
    flush,
  };
}

function clientStatements(client: pg.Pool | pg.PoolClient): SqlStatements {
  return {
    query: async <Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as Row[],
    execute: async (text, params) => (await client.query(text, params)).rowCount ?? 0,
  };
}

export function poolRunner(pool: pg.Pool): SqlRunner {
  return {
    ...clientStatements(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      // pg-pool stops listening for a client's errors while it is checked out: a connection
      // the server ends between two statements (a restart) would otherwise be an uncaught
      // exception. The failing statement rejects; the broken client is discarded on release.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on("error", onError);
      try {
        await client.query("BEGIN");
        const tx = deferring(clientStatements(client));
        const result = await fn(tx);
        await tx.flush();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
  };
}

/**
 * Pure: a JS array as a PostgreSQL array literal (`{"a","b",NULL}`), the way node-postgres
 * sends arrays. PGlite serialises an array parameter only when it knows the parameter's type,
 * and not for enum arrays (`$1::"Tier"[]`), so arrays are sent to it as literals.
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  const items = values.map((value) => {
    if (value === null || value === undefined) return "NULL";
    if (Array.isArray(value)) return pgArrayLiteral(value);
    const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}

function pgliteParams(params?: unknown[]): unknown[] | undefined {
  return params?.map((param) => (Array.isArray(param) ? pgArrayLiteral(param) : param));
}

function pgliteStatements(db: PGlite | PGliteTransaction): SqlStatements {
  return {
    query: async <Row>(text: string, params?: unknown[]) => (await db.query<Row>(text, pgliteParams(params))).rows,
    execute: async (text, params) => (await db.query(text, pgliteParams(params))).affectedRows ?? 0,
  };
}

export function pgliteRunner(pglite: PGlite): SqlRunner {
  return {
    ...pgliteStatements(pglite),
    transaction: (fn) =>
      pglite.transaction(async (transaction) => {
        const tx = deferring(pgliteStatements(transaction));
        const result = await fn(tx);
        await tx.flush();
        return result;
      }),
  };
}
