import { describe, expect, it } from "vitest";
import { rangeWindow } from "./range";
import { floorHour, nextRollupStep, rollupCutoff, rollupOrigin, splitFinishedJobs } from "./rollup-plan";

const at = (iso: string) => new Date(iso);
const mark = { origin: at("2026-10-20T00:00:00Z"), through: at("2026-11-24T09:00:00Z") };

describe("rollupCutoff", () => {
  it("leaves the current hour, and the last one until five minutes after it ended, to the raw jobs", () => {
    expect(rollupCutoff(at("2026-11-24T10:42:00Z"))).toEqual(at("2026-11-24T10:00:00Z"));
    expect(rollupCutoff(at("2026-11-24T10:04:59Z"))).toEqual(at("2026-11-24T09:00:00Z"));
    expect(rollupCutoff(at("2026-11-24T10:05:00Z"))).toEqual(at("2026-11-24T10:00:00Z"));
  });
});

describe("rollupOrigin", () => {
  it("starts no later than the first bucket of the longest range, on an hour", () => {
    const now = at("2026-11-24T10:42:00Z");
    const origin = rollupOrigin(now);
    expect(origin.getTime() % 3600_000).toBe(0);
    expect(origin.getTime()).toBeLessThanOrEqual(rangeWindow("30d", now).from.getTime());
    expect(origin).toEqual(floorHour(origin));
  });
});

describe("splitFinishedJobs", () => {
  it("reads whole hours below the watermark from the rollup and the rest raw, open-ended", () => {
    const window = rangeWindow("7d", at("2026-11-24T10:42:00Z"));
    expect(splitFinishedJobs(window, mark)).toEqual({ rollup: { from: window.from, to: mark.through }, raw: [{ from: mark.through, to: null }] });
  });

  it("reads the part of a range before the rollup's origin raw as well", () => {
    const window = rangeWindow("30d", at("2026-11-10T10:42:00Z"));
    expect(window.from < mark.origin).toBe(true);
    expect(splitFinishedJobs(window, mark)).toEqual({
      rollup: { from: mark.origin, to: mark.through },
      raw: [
        { from: window.from, to: mark.origin },
        { from: mark.through, to: null },
      ],
    });
  });

  it("reads everything raw without a watermark, for five-minute buckets, and when the range starts after the watermark", () => {
    const now = at("2026-11-24T10:42:00Z");
    expect(splitFinishedJobs(rangeWindow("24h", now), null)).toEqual({ rollup: null, raw: [{ from: rangeWindow("24h", now).from, to: null }] });
    expect(splitFinishedJobs(rangeWindow("1h", now), mark)).toEqual({ rollup: null, raw: [{ from: rangeWindow("1h", now).from, to: null }] });
    const stale = { origin: mark.origin, through: at("2026-11-01T00:00:00Z") };
    expect(splitFinishedJobs(rangeWindow("24h", now), stale).rollup).toBeNull();
  });
});

describe("nextRollupStep", () => {
  const cutoff = at("2026-11-24T10:00:00Z");

  it("goes to the cutoff when fewer jobs than the step's limit remain", () => {
    expect(nextRollupStep(mark, cutoff, null)).toEqual({ from: mark.through, to: cutoff });
  });

  it("stops at the hour holding the limit-th job, so a step reads a bounded number of jobs", () => {
    const long = { origin: mark.origin, through: at("2026-11-20T00:00:00Z") };
    expect(nextRollupStep(long, cutoff, at("2026-11-21T13:27:00Z"))).toEqual({ from: long.through, to: at("2026-11-21T13:00:00Z") });
  });

  it("moves at least one hour when a single hour holds more jobs than the limit", () => {
    expect(nextRollupStep(mark, at("2026-11-24T12:00:00Z"), at("2026-11-24T09:10:00Z"))).toEqual({ from: mark.through, to: at("2026-11-24T10:00:00Z") });
  });

  it("has nothing to do once the watermark reaches the cutoff, or passed it (a clock set back)", () => {
    expect(nextRollupStep({ ...mark, through: cutoff }, cutoff, null)).toBeNull();
    expect(nextRollupStep({ ...mark, through: at("2026-11-24T12:00:00Z") }, cutoff, null)).toBeNull();
  });
});
