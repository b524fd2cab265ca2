import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  diffMigrationsToSchema,
  MIGRATION_FILE,
  MIGRATION_LOCK_FILE,
  migrationLockContent,
  SchemaEngineError,
} from "./schema-engine";

const SCHEMA = `
generator client {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "postgresql"
}

enum Color {
  red
  green
}

model Widget {
  id    String @id @default(uuid(7))
  name  String @unique
  color Color  @default(red)
  parts Part[]
}

model Part {
  id       Int    @id @default(autoincrement())
  widgetId String
  widget   Widget @relation(fields: [widgetId], references: [id], onDelete: Cascade)
}
`;

describe("diffMigrationsToSchema", () => {
  let dir: string;
  let schemaPath: string;
  let migrationsDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "schema-engine-test-"));
    schemaPath = path.join(dir, "schema.prisma");
    migrationsDir = path.join(dir, "migrations");
    await writeFile(schemaPath, SCHEMA);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the full schema from an empty history, then reports no changes", async () => {
    const sql = await diffMigrationsToSchema({ migrationsDir, schemaPath });
    expect(sql).toContain(`CREATE TYPE "Color" AS ENUM ('red', 'green');`);
    expect(sql).toContain(`CREATE TABLE "Widget"`);
    expect(sql).toContain(`CREATE TABLE "Part"`);
    expect(sql).toContain(`CREATE UNIQUE INDEX "Widget_name_key"`);

    const db = new PGlite();
    try {
      await db.exec(sql);
      const { rows } = await db.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      expect(rows.map((row) => row.tablename)).toEqual(["Part", "Widget"]);
    } finally {
      await db.close();
    }

    await mkdir(path.join(migrationsDir, "20250101000000_init"), { recursive: true });
    await writeFile(path.join(migrationsDir, "20250101000000_init", MIGRATION_FILE), sql);
    await writeFile(path.join(migrationsDir, MIGRATION_LOCK_FILE), migrationLockContent());

    expect(await diffMigrationsToSchema({ migrationsDir, schemaPath })).toBe("");
  }, 20_000);

  it("reports a migration that does not apply as an engine error", async () => {
    const broken = path.join(dir, "broken");
    await mkdir(path.join(broken, "20250101000000_init"), { recursive: true });
    await writeFile(path.join(broken, "20250101000000_init", MIGRATION_FILE), "CREATE TABLEX;");

    const error: unknown = await diffMigrationsToSchema({ migrationsDir: broken, schemaPath }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(SchemaEngineError);
    expect((error as SchemaEngineError).code).toBe("P3006");
    expect((error as SchemaEngineError).message).toContain("TABLEX");
  }, 20_000);
});
