import { describe, expect, it } from "vitest";
import { couldBeRegression, loopStages, regressionOf, type LoopJobFacts } from "./model";

const resolvedAt = new Date("2026-11-25T10:00:00Z");
const at = (iso: string) => new Date(`2026-11-25T${iso}Z`);

describe("regressionOf", () => {
  it("counts Sentry unresolving the issue, from resolved or ignored", () => {
    expect(regressionOf({ status: "unresolved", lastSeen: at("09:00:00") }, { kind: "status_changed", from: "resolved", to: "unresolved", source: "webhook" }, resolvedAt)).toMatch(/unresolved again \(webhook\)/);
    expect(regressionOf({ status: "unresolved", lastSeen: null }, { kind: "status_changed", from: "ignored", to: "unresolved", source: "poll" }, resolvedAt)).toMatch(/poller/);
  });

  it("counts an event after the resolution, by lastSeen", () => {
    expect(regressionOf({ status: "resolved", lastSeen: at("10:00:01") }, { kind: "event_received", eventId: "e1", source: "webhook" }, resolvedAt)).toMatch(/new event at 2026-11-25T10:00:01/);
    expect(regressionOf({ status: "resolved", lastSeen: at("10:05:00") }, { kind: "updated", fields: ["lastSeen", "count"], source: "poll" }, resolvedAt)).not.toBeNull();
  });

  it("ignores the resolve echoing back, late deliveries of older events and other changes", () => {
    expect(regressionOf({ status: "resolved", lastSeen: at("09:59:59") }, { kind: "status_changed", from: "unresolved", to: "resolved", source: "webhook" }, resolvedAt)).toBeNull();
    expect(regressionOf({ status: "resolved", lastSeen: at("09:30:00") }, { kind: "event_received", eventId: "old", source: "webhook" }, resolvedAt)).toBeNull();
    expect(regressionOf({ status: "resolved", lastSeen: resolvedAt }, { kind: "assigned", from: null, to: "ana", source: "webhook" }, resolvedAt)).toBeNull();
  });
});

describe("couldBeRegression", () => {
  it("lets through only changes regressionOf can count", () => {
    expect(couldBeRegression({ kind: "status_changed", from: "resolved", to: "unresolved", source: "webhook" })).toBe(true);
    expect(couldBeRegression({ kind: "status_changed", from: "unresolved", to: "resolved", source: "webhook" })).toBe(false);
    expect(couldBeRegression({ kind: "event_received", eventId: "e", source: "webhook" })).toBe(true);
    expect(couldBeRegression({ kind: "updated", fields: ["count", "lastSeen"], source: "poll" })).toBe(true);
    expect(couldBeRegression({ kind: "updated", fields: ["title"], source: "poll" })).toBe(false);
    expect(couldBeRegression({ kind: "created", source: "webhook" })).toBe(false);
    expect(couldBeRegression({ kind: "assigned", from: null, to: "ana", source: "webhook" })).toBe(false);
  });
});

function job(overrides: Partial<LoopJobFacts> = {}): LoopJobFacts {
  return {
    status: "succeeded",
    script: "restart-service",
    createdAt: at("09:10:00"),
    startedAt: at("09:10:02"),
    finishedAt: at("09:12:00"),
    resolveIssueOnSuccess: true,
    verification: "verifying",
    issueResolvedAt: at("09:12:01"),
    loopDueAt: at("09:42:01"),
    verifiedAt: null,
    verificationNote: null,
    ...overrides,
  };
}

const states = (stages: ReturnType<typeof loopStages>) => stages.map((stage) => `${stage.key}:${stage.state}`);

describe("loopStages", () => {
  const detected = at("09:00:00");

  it("shows each step's time since the one before, and the time left in the quiet window", () => {
    const stages = loopStages(detected, job(), at("09:22:01"));
    expect(states(stages)).toEqual(["detected:done", "submitted:done", "ran:done", "resolved:done", "verified:current"]);
    expect(stages.map((stage) => stage.tookMs)).toEqual([null, 600_000, 120_000, 1_000, null]);
    expect(stages[4]!.remainingMs).toBe(20 * 60_000);
  });

  it("ends verified or ineffective, with the reason", () => {
    const verified = loopStages(detected, job({ verification: "verified", verifiedAt: at("09:42:30"), loopDueAt: null }), at("10:00:00"));
    expect(states(verified).at(-1)).toBe("verified:done");
    expect(verified.at(-1)!.tookMs).toBe(30 * 60_000 + 29_000);
    const ineffective = loopStages(detected, job({ verification: "ineffective", verifiedAt: at("09:20:00"), verificationNote: "A new event came after" }), at("10:00:00"));
    expect(ineffective.at(-1)).toMatchObject({ state: "failed", label: "Ineffective", detail: "A new event came after", remainingMs: null });
  });

  it("stops at a failed job, and marks later steps skipped", () => {
    expect(states(loopStages(detected, job({ status: "failed", verification: null, issueResolvedAt: null, loopDueAt: null }), at("10:00:00")))).toEqual([
      "detected:done",
      "submitted:done",
      "ran:failed",
      "resolved:skipped",
      "verified:skipped",
    ]);
  });

  it("waits on a queued job and on a resolve in progress; says when a job does not resolve its issue", () => {
    expect(states(loopStages(detected, job({ status: "queued", finishedAt: null, verification: null, issueResolvedAt: null }), at("10:00:00"))).slice(2)).toEqual(["ran:current", "resolved:waiting", "verified:waiting"]);
    const resolving = loopStages(detected, job({ verification: "resolving", issueResolvedAt: null, verificationNote: "Attempt 1 of 5 could not resolve" }), at("10:00:00"));
    expect(states(resolving).slice(3)).toEqual(["resolved:current", "verified:waiting"]);
    expect(resolving[3]!.detail).toBe("Attempt 1 of 5 could not resolve");
    const noLoop = loopStages(detected, job({ resolveIssueOnSuccess: false, verification: null, issueResolvedAt: null }), at("10:00:00"));
    expect(noLoop[3]).toMatchObject({ state: "skipped", detail: "This job does not resolve its issue" });
    expect(noLoop[4]!.state).toBe("skipped");
  });

  it("before any job: detected, then waiting", () => {
    expect(states(loopStages(detected, null, at("10:00:00")))).toEqual(["detected:done", "submitted:waiting", "ran:waiting", "resolved:waiting", "verified:waiting"]);
  });
});
