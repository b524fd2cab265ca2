import { mkdtemp, mkdir, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { applyPendingMigrations, defaultMigrationsDir, MigrationError, pgConnection, withPgClient, type SqlConnection } from "@/lib/db";
import { adminUrl } from "../support/database-names";

/** A scratch database on the server under test (TEST_DATABASE_URL) or in PGlite. */
async function scratchConnection(): Promise<{ connection: SqlConnection; close(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const pglite = await PGlite.create();
    return {
      connection: {
        query: async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
        exec: async (sql: string) => void (await pglite.exec(sql)),
      },
      close: () => pglite.close(),
    };
  }
  const name = `ops_migrate_${process.pid}_${Date.now()}`;
  await withPgClient(adminUrl(serverUrl), (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    connection: pgConnection(client),
    close: async () => {
      await client.end();
      await withPgClient(adminUrl(serverUrl), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe("applyPendingMigrations", () => {
  it("applies the committed migrations once, recording them as Prisma does", async () => {
    const { connection, close } = await scratchConnection();
    cleanup = close;
    const first = await applyPendingMigrations(connection);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await applyPendingMigrations(connection);
    expect(second.applied).toEqual([]);
    const rows = await connection.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(`SELECT * FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    const tables = await connection.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(["User", "Issue", "RemediationJob", "MonitorCheckIn", "AuditLogEntry"]));
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const { connection, close } = await scratchConnection();
    cleanup = close;
    const dir = await mkdtemp(path.join(tmpdir(), "ops-migrations-"));
    await mkdir(path.join(dir, "20260101000000_ok"));
    await writeFile(path.join(dir, "20260101000000_ok", "migration.sql"), "CREATE TABLE kept (id int);");
    await mkdir(path.join(dir, "20260102000000_broken"));
    await writeFile(path.join(dir, "20260102000000_broken", "migration.sql"), "CREATE TABLE half (id int);\nSELECT * FROM missing_table;");
    await expect(applyPendingMigrations(connection, dir)).rejects.toThrow(MigrationError);
    const tables = await connection.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.tablename).sort()).toEqual(["_prisma_migrations", "kept"]);
    const recorded = await connection.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["20260101000000_ok"]);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const { connection, close } = await scratchConnection();
    cleanup = close;
    const dir = await mkdtemp(path.join(tmpdir(), "ops-migrations-"));
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    await applyPendingMigrations(connection, dir);
    const [first] = (await import("node:fs")).readdirSync(dir).filter((name) => /^\d{14}_/.test(name)).sort();
    await writeFile(path.join(dir, first!, "migration.sql"), "-- edited\n");
    await expect(applyPendingMigrations(connection, dir)).rejects.toThrow(/was changed after it was applied/);
  });
});
