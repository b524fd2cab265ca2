import { createHash } from "node:crypto";

export interface MigrationFile {
  name: string;
  sql: string;
}

export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export type MigrationPlan =
  | { ok: true; pending: (MigrationFile & { checksum: string })[] }
  | { ok: false; problem: string };

/** Prisma's checksum: hex SHA-256 of migration.sql (see `_prisma_migrations.checksum`). */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * Decides which migrations to apply. Refuses, like `prisma migrate deploy`, when a
 * migration failed earlier or an applied migration's file was edited afterwards: applying
 * more on top of an unknown state is how data gets lost.
 */
export function planMigrations(onDisk: MigrationFile[], applied: AppliedMigration[]): MigrationPlan {
  const failed = applied.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    return {
      ok: false,
      problem:
        `Migration ${failed.migration_name} started but did not finish. Fix the database by hand, ` +
        `then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}').`,
    };
  }
  const appliedByName = new Map(
    applied.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row]),
  );
  const pending: (MigrationFile & { checksum: string })[] = [];
  for (const file of [...onDisk].sort((a, b) => a.name.localeCompare(b.name))) {
    const checksum = migrationChecksum(file.sql);
    const existing = appliedByName.get(file.name);
    if (!existing) {
      pending.push({ ...file, checksum });
    } else if (existing.checksum !== checksum) {
      return {
        ok: false,
        problem: `Migration ${file.name} was changed after it was applied. Restore the original file and add a new migration instead.`,
      };
    }
  }
  return { ok: true, pending };
}
