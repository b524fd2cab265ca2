import { describe, expect, it } from "vitest";
import { compileRules, planEvaluation, triggerForChange } from "./evaluate";
import type { RuleCondition } from "./model";
import { issueSubject, rule } from "./test-subjects";

const build: RuleCondition = { field: "title", operator: "contains", value: "build failed" };
const db: RuleCondition = { field: "culprit", operator: "contains", value: "database" };
const groups = (...conditions: RuleCondition[]) => ({ match: "all" as const, groups: [{ match: "all" as const, conditions }] });

describe("planEvaluation", () => {
  it("evaluates enabled rules of the trigger, in order, with reasons", () => {
    const rules = compileRules([
      rule({ name: "build", position: 2, conditions: groups(build) }),
      rule({ name: "db", position: 1, conditions: groups(db) }),
      rule({ name: "off", enabled: false }),
      rule({ name: "regressions", trigger: "issue_unresolved" }),
      rule({ name: "never", conditions: groups({ ...build, value: "timeout" }) }),
    ]);
    const planned = planEvaluation(rules, issueSubject(), "issue_created");
    expect(planned.map((entry) => [entry.rule.name, entry.outcome.kind])).toEqual([
      ["db", "matched"],
      ["build", "matched"],
      ["never", "no_match"],
    ]);
    const never = planned[2]!.outcome as { conditions: { field: string; expected: unknown; actual: string | null; matched: boolean }[] };
    expect(never.conditions).toEqual([{ group: 0, index: 0, field: "title", operator: "contains", expected: "timeout", actual: "Error: Build failed for web", matched: false }]);
  });

  it("stops after a rule that says so, and records the later ones as skipped", () => {
    const planned = planEvaluation(compileRules([rule({ name: "first", stopAfterMatch: true }), rule({ name: "second" })]), issueSubject(), "issue_created");
    expect(planned[1]).toMatchObject({ rule: { name: "second" }, outcome: { kind: "skipped", stoppedBy: "first" } });
  });

  it("does not stop on a stop-after-match rule that did not match", () => {
    const planned = planEvaluation(compileRules([rule({ name: "first", stopAfterMatch: true, conditions: groups({ ...build, value: "nope" }) }), rule({ name: "second" })]), issueSubject(), "issue_created");
    expect(planned.map((entry) => entry.outcome.kind)).toEqual(["no_match", "matched"]);
  });
});

describe("triggerForChange", () => {
  it("maps issue changes to triggers; a regression is unresolved after resolved or ignored", () => {
    expect(triggerForChange({ kind: "created" })).toBe("issue_created");
    expect(triggerForChange({ kind: "status_changed", from: "resolved", to: "unresolved" })).toBe("issue_unresolved");
    expect(triggerForChange({ kind: "status_changed", from: "ignored", to: "unresolved" })).toBe("issue_unresolved");
    expect(triggerForChange({ kind: "status_changed", from: "unresolved", to: "resolved" })).toBeNull();
    expect(triggerForChange({ kind: "alert_triggered" })).toBe("event_alert");
    expect(triggerForChange({ kind: "event_received" })).toBe("error_event");
    expect(triggerForChange({ kind: "updated" })).toBeNull();
  });
});
