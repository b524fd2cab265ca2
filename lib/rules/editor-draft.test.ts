import { describe, expect, it } from "vitest";
import { conditionValueFromText, conditionValueText, operatorsFor } from "./editor-draft";

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
