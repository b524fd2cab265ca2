import { describe, expect, it } from "vitest";
import type { ArgField } from "@/lib/jobs/args-form";
import { conditionValueFromText, conditionValueText, operatorsFor, previewBlocker } from "./editor-draft";

describe("the editor's condition values", () => {
  it("turns text into lists, numbers or text by operator and field", () => {
    expect(conditionValueFromText("level", "in", "error, fatal,")).toEqual(["error", "fatal"]);
    expect(conditionValueFromText("event_count", "gt", "100")).toBe(100);
    expect(conditionValueFromText("event_count", "gt", "lots")).toBe("lots");
    expect(conditionValueFromText("title", "contains", " 42 ")).toBe(" 42 ");
    expect(conditionValueText(["a", "b"])).toBe("a, b");
    expect(conditionValueText(5)).toBe("5");
  });

  it("offers comparisons for counts and text operators for text", () => {
    expect(operatorsFor("user_count")).toEqual(["equals", "not_equals", "gt", "lt"]);
    expect(operatorsFor("title")).toContain("matches");
  });
});

describe("whether a draft can be previewed yet", () => {
  const titleContains = (value: string) => ({ match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value }] }] });
  const draft = (changes: Record<string, unknown> = {}) => ({ name: "Payment timeouts", trigger: "issue_created", conditions: titleContains("timeout"), action: { script: "noop", tier: "nonprod", args: {} }, ...changes });
  const serviceField: ArgField = { name: "service", kind: "string", required: true };

  it("can be previewed once named, with conditions that have values and required arguments filled", () => {
    expect(previewBlocker(draft(), [])).toBeNull();
    expect(previewBlocker(draft({ action: { script: "restart-service", tier: "prod", args: { service: "{{issue.project}}" } } }), [serviceField])).toBeNull();
    expect(previewBlocker(draft({ conditions: { match: "all", groups: [] } }), [])).toBeNull();
  });

  it("a new rule's empty draft cannot, and says what is missing first", () => {
    expect(previewBlocker(draft({ name: "", conditions: titleContains("") }), [])).toBe("name is required");
    expect(previewBlocker(draft({ conditions: titleContains(" ") }), [])).toBe("the condition has no value yet");
  });

  it("names a wrong field the way the API would, and a required argument left empty", () => {
    expect(previewBlocker(draft({ trigger: "sometimes" }), [])).toMatch(/^trigger must be one of/);
    expect(previewBlocker(draft({ action: { script: "restart-service", tier: "prod", args: { service: "" } } }), [serviceField])).toBe("argument service is required");
  });
});
