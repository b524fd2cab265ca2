import { describe, expect, it } from "vitest";
import { ValidationFailed } from "@/lib/errors";
import { renderArgs } from "./placeholders";
import { issueSubject } from "./test-subjects";
import { validateRule } from "./validate";

const base = { name: "r", trigger: "issue_created", action: { script: "restart-service", tier: "prod", args: { service: "{{issue.project}}" } } };

function fieldOf(raw: unknown): string | undefined {
  try {
    validateRule(raw);
  } catch (error) {
    if (error instanceof ValidationFailed) return error.details.field;
    throw error;
  }
  return undefined;
}

describe("validateRule", () => {
  it("accepts a valid rule, fills defaults, and requires approval for prod unless told otherwise", () => {
    const valid = validateRule(base);
    expect(valid).toMatchObject({ enabled: true, dryRun: false, requiresApproval: true, action: { namespace: "default", priorityClass: "B" }, safety: { cooldownMinutes: 30, oneUntilResolved: true } });
    expect(validateRule({ ...base, requiresApproval: false }).requiresApproval).toBe(false);
    expect(validateRule({ ...base, action: { ...base.action, script: "noop", tier: "nonprod", args: {} } }).requiresApproval).toBe(false);
  });

  it("names the wrong field", () => {
    expect(fieldOf({ ...base, name: "" })).toBe("name");
    expect(fieldOf({ ...base, trigger: "whenever" })).toBe("trigger");
    expect(fieldOf({ ...base, conditions: { groups: [{ conditions: [{ field: "colour", operator: "equals", value: "x" }] }] } })).toBe("conditions.groups.0.conditions.0.field");
    expect(fieldOf({ ...base, conditions: { groups: [{ conditions: [{ field: "title", operator: "matches", value: "(oops" }] }] } })).toBe("conditions.groups.0.conditions.0.value");
    expect(fieldOf({ ...base, conditions: { groups: [{ conditions: [{ field: "event_count", operator: "gt", value: "many" }] }] } })).toBe("conditions.groups.0.conditions.0.value");
    expect(fieldOf({ ...base, conditions: { groups: [{ conditions: [{ field: "tag", operator: "equals", value: "x" }] }] } })).toBe("conditions.groups.0.conditions.0.tag");
    expect(fieldOf({ ...base, action: { ...base.action, script: "rm-rf" } })).toBe("action.script");
    expect(fieldOf({ ...base, action: { ...base.action, script: "apply-ai-fix", args: { suggestedFix: "x" } } })).toBe("action.tier");
    expect(fieldOf({ ...base, action: { ...base.action, args: { service: "{{issue.colour}}" } } })).toBe("action.args.service");
    expect(fieldOf({ ...base, action: { ...base.action, args: {} } })).toBe("action.args.service");
    expect(fieldOf({ ...base, action: { script: "sleep", tier: "nonprod", args: { seconds: "{{issue.count}}" } } })).toBe("action.args.seconds");
    expect(fieldOf({ ...base, trigger: "metric_alert", action: { script: "sentry-comment", tier: "nonprod", args: { text: "x" } } })).toBe("trigger");
    expect(fieldOf({ ...base, trigger: "metric_alert" })).toBe("action.args.service");
    expect(fieldOf({ ...base, trigger: "metric_alert", action: { script: "noop", tier: "nonprod", args: {}, resolveIssueOnSuccess: true } })).toBe("action.resolveIssueOnSuccess");
  });
});

describe("renderArgs", () => {
  it("fills issue and event placeholders in nested args", () => {
    const subject = issueSubject({}, { tags: { release: "shop@9" } });
    expect(renderArgs({ service: "{{issue.project}}", inputs: { why: "{{issue.type}} in {{event.tags.release}} ({{issue.shortId}})" } }, subject)).toEqual({
      service: "shop",
      inputs: { why: "OutOfMemoryError in shop@9 (SHOP-1)" },
    });
  });

  it("refuses to render a placeholder the subject has no value for", () => {
    expect(() => renderArgs({ release: "{{event.tags.release}}" }, issueSubject())).toThrow("{{event.tags.release}} has no value here.");
  });
});
