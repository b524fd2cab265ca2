import { describe, expect, it } from "vitest";
import { latencySeries, uptimePercent } from "./uptime";

describe("uptimePercent", () => {
  it("is null without probes and 100 only when none failed", () => {
    expect(uptimePercent(0, 0)).toBeNull();
    expect(uptimePercent(1440, 1440)).toBe(100);
    expect(uptimePercent(9_999, 10_000)).toBe(99.99);
    expect(uptimePercent(99_999, 100_000)).toBe(99.99);
    expect(uptimePercent(0, 3)).toBe(0);
    expect(uptimePercent(2, 3)).toBe(66.66);
  });
});

describe("latencySeries", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);

  it("averages successful probes per slice, counts failures, and keeps empty slices as gaps", () => {
    const series = latencySeries(
      [
        { ok: true, latencyMs: 10, createdAt: at(55) },
        { ok: true, latencyMs: 30, createdAt: at(50) },
        { ok: false, latencyMs: 900, createdAt: at(46) },
        { ok: false, latencyMs: null, createdAt: at(5) },
        { ok: true, latencyMs: 99, createdAt: at(120) },
      ],
      { now, windowMs: 3_600_000, buckets: 4 },
    );
    expect(series).toHaveLength(4);
    expect(series[0]).toEqual({ at: at(60).getTime(), avgMs: 20, maxMs: 30, probes: 3, failures: 1 });
    expect(series[1]).toMatchObject({ avgMs: null, probes: 0, failures: 0 });
    expect(series[3]).toMatchObject({ avgMs: null, probes: 1, failures: 1 });
  });

  it("puts a sample taken exactly now in the last slice", () => {
    expect(latencySeries([{ ok: true, latencyMs: 5, createdAt: now }], { now, windowMs: 3_600_000, buckets: 6 })[5]).toMatchObject({ probes: 1, avgMs: 5 });
  });
});
