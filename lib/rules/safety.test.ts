import { describe, expect, it } from "vitest";
import { checkSafety, type SafetyHistory } from "./safety";

const now = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);
const quiet: SafetyHistory = { lastJobForIssueAt: null, jobsInWindow: 0, activeJobForIssue: false, jobSinceLastResolution: false };
const safety = { cooldownMinutes: 30, maxJobsPerWindow: 3, windowMinutes: 60, oneUntilResolved: false };

describe("checkSafety", () => {
  it("allows a first job", () => {
    expect(checkSafety(safety, quiet, now)).toEqual({ allowed: true });
  });

  it("holds within the cooldown per issue, and lets it pass once it is over", () => {
    expect(checkSafety(safety, { ...quiet, lastJobForIssueAt: minutesAgo(29) }, now)).toMatchObject({ allowed: false, limit: "cooldown" });
    expect(checkSafety(safety, { ...quiet, lastJobForIssueAt: minutesAgo(30) }, now)).toEqual({ allowed: true });
    expect(checkSafety({ ...safety, cooldownMinutes: 0 }, { ...quiet, lastJobForIssueAt: minutesAgo(1) }, now)).toEqual({ allowed: true });
  });

  it("caps the jobs a rule submits per window, so a storm of issues cannot start a storm of jobs", () => {
    expect(checkSafety(safety, { ...quiet, jobsInWindow: 2 }, now)).toEqual({ allowed: true });
    expect(checkSafety(safety, { ...quiet, jobsInWindow: 3 }, now)).toMatchObject({ allowed: false, limit: "rate", detail: expect.stringContaining("limit 3") });
    expect(checkSafety({ ...safety, maxJobsPerWindow: 0 }, { ...quiet, jobsInWindow: 999 }, now)).toEqual({ allowed: true });
  });

  it("one until resolved: not while a job is active, nor again before a resolution and regression", () => {
    const once = { ...safety, oneUntilResolved: true };
    expect(checkSafety(once, { ...quiet, activeJobForIssue: true }, now)).toMatchObject({ allowed: false, limit: "one_until_resolved" });
    expect(checkSafety(once, { ...quiet, jobSinceLastResolution: true, lastJobForIssueAt: minutesAgo(600) }, now)).toMatchObject({ allowed: false, limit: "one_until_resolved" });
    expect(checkSafety(once, { ...quiet, jobSinceLastResolution: false, lastJobForIssueAt: minutesAgo(600) }, now)).toEqual({ allowed: true });
  });
});
