import { describe, expect, it } from "vitest";
import { fitLogLines, LOG_TRUNCATED_MESSAGE } from "./log-cap";

describe("fitLogLines", () => {
  it("keeps lines while they fit and counts their bytes", () => {
    const result = fitLogLines([{ level: "info", message: "12345" }, { level: "info", message: "é" }], 0, 100);
    expect(result.keep).toHaveLength(2);
    expect(result.bytes).toBe(7);
  });

  it("adds one notice at the cap and drops everything after it", () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({ level: "info" as const, message: `line ${i} ----` }));
    const first = fitLogLines(lines, 0, 40);
    expect(first.keep.map((line) => line.message)).toEqual(["line 0 ----", "line 1 ----", "line 2 ----", LOG_TRUNCATED_MESSAGE]);
    expect(first.bytes).toBe(40);
    expect(fitLogLines(lines, first.bytes, 40).keep).toEqual([]);
  });

  it("counts structured data towards the cap", () => {
    expect(fitLogLines([{ level: "info", message: "x", data: { big: "y".repeat(100) } }], 0, 50).keep[0]!.message).toBe(LOG_TRUNCATED_MESSAGE);
  });
});
