import { describe, expect, it } from "vitest";
import { compileConditions, evaluateConditions, InvalidPattern } from "./conditions";
import type { RuleCondition, RuleConditions } from "./model";
import { issueSubject } from "./test-subjects";

const one = (condition: RuleCondition): RuleConditions => ({ match: "all", groups: [{ match: "all", conditions: [condition] }] });
const matches = (condition: RuleCondition, subject = issueSubject()) => evaluateConditions(compileConditions(one(condition)), subject).matched;

describe("condition operators", () => {
  it("compares text without regard to case", () => {
    expect(matches({ field: "title", operator: "contains", value: "build FAILED" })).toBe(true);
    expect(matches({ field: "environment", operator: "equals", value: "Production" })).toBe(true);
    expect(matches({ field: "environment", operator: "not_equals", value: "production" })).toBe(false);
    expect(matches({ field: "culprit", operator: "starts_with", value: "app/database" })).toBe(true);
    expect(matches({ field: "culprit", operator: "starts_with", value: "database" })).toBe(false);
    expect(matches({ field: "level", operator: "in", value: ["fatal", "ERROR"] })).toBe(true);
    expect(matches({ field: "level", operator: "in", value: ["warning"] })).toBe(false);
  });

  it("compares counts as numbers", () => {
    expect(matches({ field: "event_count", operator: "gt", value: 41 })).toBe(true);
    expect(matches({ field: "event_count", operator: "gt", value: 42 })).toBe(false);
    expect(matches({ field: "user_count", operator: "lt", value: 8 })).toBe(true);
    expect(matches({ field: "user_count", operator: "equals", value: 7 })).toBe(true);
  });

  it("matches regexes with RE2, case-sensitive unless (?i)", () => {
    expect(matches({ field: "metadata.type", operator: "matches", value: "^OutOfMemory" })).toBe(true);
    expect(matches({ field: "metadata.type", operator: "matches", value: "^outofmemory" })).toBe(false);
    expect(matches({ field: "metadata.type", operator: "matches", value: "(?i)^outofmemory" })).toBe(true);
  });

  it("rejects patterns RE2 cannot run, naming the problem", () => {
    expect(() => compileConditions(one({ field: "title", operator: "matches", value: "(a" }))).toThrow(InvalidPattern);
    expect(() => compileConditions(one({ field: "title", operator: "matches", value: "(?<=a)b" }))).toThrow(/RE2 syntax/);
  });

  it("cannot be made to hang: a catastrophic-backtracking pattern runs in linear time", () => {
    const evil = compileConditions(one({ field: "title", operator: "matches", value: "^(a+)+$" }));
    const started = performance.now();
    const result = evaluateConditions(evil, issueSubject({ title: `${"a".repeat(30_000)}!` }));
    expect(result.matched).toBe(false);
    // A backtracking engine takes longer than the age of the universe here; RE2 takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reads tags and the release from the event, and treats a missing value as not matching", () => {
    const withEvent = issueSubject({}, { tags: { region: "eu-west-1", release: "shop@1.2.3" } });
    expect(matches({ field: "tag", tag: "region", operator: "starts_with", value: "eu-" }, withEvent)).toBe(true);
    expect(matches({ field: "release", operator: "equals", value: "shop@1.2.3" }, withEvent)).toBe(true);
    expect(matches({ field: "tag", tag: "region", operator: "equals", value: "eu-west-1" })).toBe(false);
    expect(matches({ field: "tag", tag: "region", operator: "not_equals", value: "eu-west-1" })).toBe(true);
  });
});

describe("condition groups", () => {
  const subject = issueSubject();
  const yes = { field: "level", operator: "equals", value: "error" } as const;
  const no = { field: "level", operator: "equals", value: "fatal" } as const;

  it("combines conditions in a group with all / any, and groups with all / any", () => {
    const run = (conditions: RuleConditions) => evaluateConditions(compileConditions(conditions), subject).matched;
    expect(run({ match: "all", groups: [{ match: "all", conditions: [yes, no] }] })).toBe(false);
    expect(run({ match: "all", groups: [{ match: "any", conditions: [no, yes] }] })).toBe(true);
    expect(run({ match: "all", groups: [{ match: "any", conditions: [yes] }, { match: "all", conditions: [no] }] })).toBe(false);
    expect(run({ match: "any", groups: [{ match: "all", conditions: [no] }, { match: "all", conditions: [yes] }] })).toBe(true);
    expect(run({ match: "all", groups: [] })).toBe(true);
  });

  it("explains each condition it evaluated with the value it saw", () => {
    const result = evaluateConditions(compileConditions({ match: "all", groups: [{ match: "all", conditions: [yes, no, yes] }] }), subject);
    expect(result.outcomes).toEqual([
      { group: 0, index: 0, matched: true, actual: "error", field: "level", operator: "equals", expected: "error" },
      { group: 0, index: 1, matched: false, actual: "error", field: "level", operator: "equals", expected: "fatal" },
    ]);
  });
});

describe("patterns compiled as one set per field", () => {
  it("gives the same answers as testing each pattern alone, including (?i) and alternations", async () => {
    const { PatternBank } = await import("./conditions");
    const patterns = ["(?i)timeout", "^Gateway", "time(d)? ?out|deadline", "(?i)^gateway", "x{2,}"];
    const titles = ["Gateway Timeout", "gateway timed out", "deadline exceeded", "xx marks", "Nothing here"];
    const bank = new PatternBank();
    const compiled = patterns.map((pattern) => compileConditions(one({ field: "title", operator: "matches", value: pattern }), bank));
    bank.compile();
    for (const title of titles) {
      const subject = issueSubject({ title });
      const viaSet = compiled.map((conditions) => evaluateConditions(conditions, subject, bank.forSubject()).matched);
      const alone = patterns.map((pattern) => matches({ field: "title", operator: "matches", value: pattern }, subject));
      expect(viaSet, title).toEqual(alone);
    }
  });
});
