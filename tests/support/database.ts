import { afterAll, beforeAll, beforeEach } from "vitest";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyPendingMigrations, openPostgres, pgliteRunner, PrismaClient, setDatabaseForTests, withPgClient, type Db, type SqlRunner } from "@/lib/db";
import { resetDefaultRulesMemoForTests } from "@/lib/rules";
import { adminUrl, TEMPLATE_DATABASE } from "./database-names";

export interface TestDatabase {
  db: Db;
  sql: SqlRunner;
  kind: "postgres" | "pglite";
  /** The copy's URL on the PostgreSQL server (not for PGlite). */
  url?: string;
  /** Empties every table, for tests that need a blank slate inside one file. */
  truncateAll(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A database of this test file's own: a copy of the migrated template on the PostgreSQL
 * server at TEST_DATABASE_URL, or a fresh in-memory PGlite. getDb() is pointed at it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const opened = serverUrl ? await openServerCopy(serverUrl) : await openPglite();
  setDatabaseForTests({ db: opened.db, sql: opened.sql });
  const truncateAll = async () => {
    const tables = await opened.db.$queryRaw<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
    if (tables.length) await opened.db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
    resetDefaultRulesMemoForTests();
  };
  return {
    ...opened,
    truncateAll,
    close: async () => {
      setDatabaseForTests(undefined);
      await opened.close();
    },
  };
}

async function openServerCopy(serverUrl: string): Promise<Omit<TestDatabase, "truncateAll">> {
  const name = `ops_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withPgClient(adminUrl(serverUrl), (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = openPostgres(url.toString(), 10);
  return {
    ...opened,
    kind: "postgres",
    url: url.toString(),
    close: async () => {
      await opened.close();
      await withPgClient(adminUrl(serverUrl), (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function openPglite(): Promise<Omit<TestDatabase, "truncateAll">> {
  const pglite = await PGlite.create();
  await applyPendingMigrations({
    query: async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
    exec: async (sql: string) => {
      await pglite.exec(sql);
    },
  });
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    sql: pgliteRunner(pglite),
    kind: "pglite",
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * The usual lifecycle of a test file's database: created before its tests, closed after, and
 * (with `truncateEach`) emptied before each test. Returns a getter, valid inside tests.
 */
export function withTestDatabase(options: { truncateEach?: boolean } = {}): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  if (options.truncateEach) {
    beforeEach(async () => {
      await database!.truncateAll();
    });
  }
  return () => {
    if (!database) throw new Error("The test database exists only inside tests (beforeAll has not run).");
    return database;
  };
}
