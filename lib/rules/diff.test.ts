import { describe, expect, it } from "vitest";
import { describeChange, diffRules } from "./diff";

describe("diffRules", () => {
  it("lists changed, added and removed values by path, nothing else", () => {
    const before = { name: "db", action: { tier: "nonprod", args: { pool: "primary" } }, conditions: { groups: [{ conditions: [{ field: "culprit", value: "database" }] }] } };
    const after = { name: "db", action: { tier: "prod", args: {} }, conditions: { groups: [{ conditions: [{ field: "culprit", value: "db" }, { field: "level", value: "fatal" }] }] } };
    expect(diffRules(before, after).map(describeChange)).toEqual([
      'action.args: (none) → {}',
      'action.args.pool: "primary" → (none)',
      'action.tier: "nonprod" → "prod"',
      'conditions.groups.0.conditions.0.value: "database" → "db"',
      'conditions.groups.0.conditions.1.field: (none) → "level"',
      'conditions.groups.0.conditions.1.value: (none) → "fatal"',
    ]);
    expect(diffRules(before, structuredClone(before))).toEqual([]);
  });

  it("treats lists of plain values as one value", () => {
    expect(diffRules({ value: ["a", "b"] }, { value: ["a", "c"] })).toEqual([{ path: "value", before: ["a", "b"], after: ["a", "c"] }]);
  });
});
