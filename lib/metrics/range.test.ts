import { describe, expect, it } from "vitest";
import { denseSeries, isDashboardRange, rangeWindow, successRate } from "./range";

describe("rangeWindow", () => {
  it("cuts 24 h into 24 hourly buckets aligned to the hour, the last holding now", () => {
    const window = rangeWindow("24h", new Date("2026-11-24T10:42:00Z"));
    expect(window.buckets).toHaveLength(24);
    expect(window.buckets.at(-1)!.toISOString()).toBe("2026-11-24T10:00:00.000Z");
    expect(window.from.toISOString()).toBe("2026-11-23T11:00:00.000Z");
  });

  it("uses 5-minute buckets for an hour and daily ones for 30 days", () => {
    expect(rangeWindow("1h", new Date("2026-11-24T10:42:00Z")).buckets.map((bucket) => bucket.toISOString().slice(11, 16)).slice(-2)).toEqual(["10:35", "10:40"]);
    const month = rangeWindow("30d", new Date("2026-11-24T10:42:00Z"));
    expect(month.buckets).toHaveLength(30);
    expect(month.buckets.at(-1)!.toISOString()).toBe("2026-11-24T00:00:00.000Z");
  });

  it("accepts only the four ranges", () => {
    expect(isDashboardRange("7d")).toBe(true);
    expect(isDashboardRange("90d")).toBe(false);
    expect(isDashboardRange("toString")).toBe(false);
  });
});

describe("denseSeries", () => {
  it("fills every bucket and key, summing rows and ignoring unknown keys or buckets", () => {
    const window = rangeWindow("1h", new Date("2026-11-24T10:12:00Z"));
    const series = denseSeries(window, ["succeeded", "failed"] as const, [
      { bucket: new Date("2026-11-24T10:10:00Z"), key: "succeeded", count: 3 },
      { bucket: new Date("2026-11-24T10:10:00Z"), key: "failed", count: 1 },
      { bucket: new Date("2026-11-24T10:05:00Z"), key: "succeeded", count: 2 },
      { bucket: new Date("2026-11-24T10:05:00Z"), key: "cancelled", count: 9 },
      { bucket: new Date("2026-11-23T10:05:00Z"), key: "succeeded", count: 9 },
    ]);
    expect(series).toHaveLength(12);
    expect(series.at(-1)).toEqual({ at: "2026-11-24T10:10:00.000Z", succeeded: 3, failed: 1 });
    expect(series.at(-2)).toEqual({ at: "2026-11-24T10:05:00.000Z", succeeded: 2, failed: 0 });
    expect(series[0]).toEqual({ at: "2026-11-24T09:15:00.000Z", succeeded: 0, failed: 0 });
  });

  it("computes a success rate, null when nothing finished", () => {
    expect(successRate(3, 1)).toBe(0.75);
    expect(successRate(0, 0)).toBeNull();
  });
});
