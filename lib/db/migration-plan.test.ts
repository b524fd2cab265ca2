import { describe, expect, it } from "vitest";
import { migrationChecksum, planMigrations } from "./migration-plan";

const a = { name: "20260101000000_init", sql: "CREATE TABLE a (id int);" };
const b = { name: "20260201000000_more", sql: "CREATE TABLE b (id int);" };
const applied = (file: { name: string; sql: string }, extra: Partial<{ finished_at: Date | null; rolled_back_at: Date | null; checksum: string }> = {}) => ({
  migration_name: file.name,
  checksum: migrationChecksum(file.sql),
  finished_at: new Date(),
  rolled_back_at: null,
  ...extra,
});

describe("planMigrations", () => {
  it("applies every migration, in name order, to an empty database", () => {
    const plan = planMigrations([b, a], []);
    expect(plan.ok && plan.pending.map((m) => m.name)).toEqual([a.name, b.name]);
  });

  it("applies only the ones not yet recorded", () => {
    const plan = planMigrations([a, b], [applied(a)]);
    expect(plan.ok && plan.pending.map((m) => m.name)).toEqual([b.name]);
  });

  it("refuses when an applied migration's file was edited", () => {
    const plan = planMigrations([a, b], [applied(a, { checksum: migrationChecksum("something else") })]);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.problem).toContain("was changed after it was applied");
  });

  it("refuses to continue after a migration that started but never finished", () => {
    const plan = planMigrations([a, b], [applied(a, { finished_at: null })]);
    expect(!plan.ok && plan.problem).toContain("did not finish");
  });

  it("re-applies a migration that was rolled back", () => {
    const plan = planMigrations([a], [applied(a, { finished_at: null, rolled_back_at: new Date() })]);
    expect(plan.ok && plan.pending.map((m) => m.name)).toEqual([a.name]);
  });

  it("computes Prisma's checksum: hex SHA-256 of the file", () => {
    expect(migrationChecksum("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
