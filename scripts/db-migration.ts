/**
 * Creates the next migration from the difference between prisma/migrations and
 * prisma/schema.prisma, fully offline (Prisma's WebAssembly schema engine + in-memory PGlite).
 *
 *   npm run db:migration -- <name>       write prisma/migrations/<timestamp>_<name>/migration.sql
 *   npm run db:migration -- --check      exit 1 if the schema has changes without a migration
 *
 * Options: --schema <path> (default prisma/schema.prisma), --migrations <dir> (default
 * prisma/migrations).
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import {
  diffMigrationsToSchema,
  MIGRATION_FILE,
  MIGRATION_LOCK_FILE,
  migrationLockContent,
  readMigrationsList,
} from "../lib/db/schema-engine";

const USAGE = `Usage: npm run db:migration -- <name> [--schema <path>] [--migrations <dir>]
       npm run db:migration -- --check [--schema <path>] [--migrations <dir>]`;

const IN_SYNC = "No schema changes: prisma/migrations is in sync with prisma/schema.prisma";

class UsageError extends Error {}

interface Options {
  name: string | undefined;
  check: boolean;
  schemaPath: string;
  migrationsDir: string;
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        check: { type: "boolean", default: false },
        schema: { type: "string", default: "prisma/schema.prisma" },
        migrations: { type: "string", default: "prisma/migrations" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length > 1) throw new UsageError("Give the migration name as one argument.");
  const rawName = positionals[0];
  if (!values.check && rawName === undefined) throw new UsageError("Missing migration name.");
  const name = rawName === undefined ? undefined : sanitizeMigrationName(rawName);
  if (name === "") throw new UsageError(`Migration name "${rawName}" has no usable characters.`);
  return {
    name,
    check: values.check,
    schemaPath: values.schema,
    migrationsDir: values.migrations,
  };
}

/** Like the Prisma CLI's slugify: "Add userEmail!" -> "add_user_email", at most 200 chars. */
function sanitizeMigrationName(raw: string): string {
  return raw
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200)
    .replace(/_+$/, "");
}

/** UTC YYYYMMDDHHMMSS, the prefix Prisma gives migration directories. */
function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

/** Lines that drop or rewrite data; the WASM diff gives no data-loss warnings of its own. */
function riskyStatements(sql: string): string[] {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .filter(
      (line) =>
        /^DROP (TABLE|TYPE|SCHEMA)\b/.test(line) ||
        /\bDROP COLUMN\b/.test(line) ||
        /\bALTER COLUMN\b.*\b(TYPE|SET NOT NULL)\b/.test(line) ||
        (/\bADD COLUMN\b.*\bNOT NULL\b/.test(line) && !/\bDEFAULT\b/.test(line)),
    );
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const { name, check, schemaPath, migrationsDir } = options;
  if (!existsSync(schemaPath)) {
    console.error(`Prisma schema not found: ${schemaPath}`);
    return 2;
  }

  const sql = await diffMigrationsToSchema({ migrationsDir, schemaPath });

  if (check) {
    const { lockfile, migrationDirectories } = await readMigrationsList(migrationsDir);
    if (sql !== "") {
      console.error(
        `${schemaPath} has changes that no migration in ${migrationsDir} covers.\n` +
          "Create one with `npm run db:migration -- <name>` and commit it. Missing SQL:\n\n" +
          sql,
      );
      return 1;
    }
    if (migrationDirectories.length > 0 && lockfile.content === null) {
      console.error(`${path.join(migrationsDir, MIGRATION_LOCK_FILE)} is missing.`);
      return 1;
    }
    console.log(IN_SYNC);
    return 0;
  }

  if (sql === "") {
    console.log(IN_SYNC);
    return 0;
  }

  const { migrationDirectories } = await readMigrationsList(migrationsDir);
  const directoryName = `${migrationTimestamp(new Date())}_${name}`;
  const latest = migrationDirectories.at(-1)?.path;
  if (latest !== undefined && latest.localeCompare(directoryName) >= 0) {
    console.error(
      `The new migration ${directoryName} would sort before the existing ${latest}; ` +
        "migrations are applied in name order. Check the clock or the existing names.",
    );
    return 1;
  }

  const directory = path.join(migrationsDir, directoryName);
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, MIGRATION_FILE);
  await writeFile(file, sql, { encoding: "utf8", flag: "wx" });
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lockPath)) await writeFile(lockPath, migrationLockContent(), "utf8");

  console.log(`Wrote ${file}`);
  const risky = riskyStatements(sql);
  if (risky.length > 0) {
    console.warn(
      "\nWarning: this migration may lose data or fail on a non-empty table; review it:\n" +
        risky.map((line) => `  ${line}`).join("\n"),
    );
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
