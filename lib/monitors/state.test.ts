import { describe, expect, it } from "vitest";
import { bucketIndex, decideIncident, displayedStatus, hasTimedOut, timelineBuckets, uptimeFrom } from "./state";

const at = (iso: string) => new Date(iso);

describe("decideIncident", () => {
  it("opens an incident only after failure_issue_threshold consecutive failures", () => {
    const base = { incidentOpen: false, failureIssueThreshold: 3, recoveryThreshold: 2 };
    expect(decideIncident({ ...base, recentFinished: ["error", "missed"] })).toEqual({ action: "none" });
    expect(decideIncident({ ...base, recentFinished: ["error", "ok", "error", "error"] })).toEqual({ action: "none" });
    const opened = decideIncident({ ...base, recentFinished: ["timeout", "missed", "error", "ok"] });
    expect(opened).toMatchObject({ action: "open", failureCount: 3 });
    expect(opened.action === "open" && opened.reason).toBe("3 consecutive failed check-ins (1 timeout, 1 missed, 1 failed)");
  });

  it("resolves an open incident after recovery_threshold consecutive oks", () => {
    const base = { incidentOpen: true, failureIssueThreshold: 1, recoveryThreshold: 2 };
    expect(decideIncident({ ...base, recentFinished: ["ok", "error"] })).toEqual({ action: "none" });
    expect(decideIncident({ ...base, recentFinished: ["ok", "ok", "error"] })).toEqual({ action: "resolve", okCount: 2 });
  });

  it("never opens a second incident while one is open", () => {
    expect(decideIncident({ incidentOpen: true, failureIssueThreshold: 1, recoveryThreshold: 1, recentFinished: ["error", "error"] })).toEqual({ action: "none" });
  });

  it("with threshold 1 a single failure opens and a single ok resolves", () => {
    expect(decideIncident({ incidentOpen: false, failureIssueThreshold: 1, recoveryThreshold: 1, recentFinished: ["missed"] })).toMatchObject({ action: "open", failureCount: 1 });
    expect(decideIncident({ incidentOpen: true, failureIssueThreshold: 1, recoveryThreshold: 1, recentFinished: ["ok"] })).toEqual({ action: "resolve", okCount: 1 });
  });
});

describe("timeouts and displayed status", () => {
  it("times an in_progress check-in out after start + max_runtime", () => {
    expect(hasTimedOut(at("2026-11-24T10:00:00Z"), 30, at("2026-11-24T10:30:00Z"))).toBe(false);
    expect(hasTimedOut(at("2026-11-24T10:00:00Z"), 30, at("2026-11-24T10:30:00.001Z"))).toBe(true);
  });

  it("shows missed once the deadline passed, before a tick records it", () => {
    const monitor = { status: "ok" as const, nextExpectedAt: at("2026-11-24T10:01:00Z"), checkinMarginMinutes: 1 };
    expect(displayedStatus(monitor, at("2026-11-24T10:02:00Z"))).toBe("ok");
    expect(displayedStatus(monitor, at("2026-11-24T10:02:01Z"))).toBe("missed");
    expect(displayedStatus({ ...monitor, status: "disabled" }, at("2026-11-25T00:00:00Z"))).toBe("disabled");
  });
});

describe("uptime and timeline", () => {
  const checkIns: { status: "ok" | "error" | "missed" | "in_progress"; startedAt: Date }[] = [
    { status: "ok" as const, startedAt: at("2026-11-24T09:00:00Z") },
    { status: "error" as const, startedAt: at("2026-11-24T09:30:00Z") },
    { status: "ok" as const, startedAt: at("2026-11-24T09:45:00Z") },
    { status: "missed" as const, startedAt: at("2026-11-23T09:00:00Z") },
    { status: "in_progress" as const, startedAt: at("2026-11-24T09:59:00Z") },
  ];

  it("counts ok over finished check-ins; in-progress runs do not count", () => {
    expect(uptimeFrom({ ok: 2, error: 1, in_progress: 1 })).toEqual({ ok: 2, failed: 1, inProgress: 1, ratio: 2 / 3 });
    expect(uptimeFrom({ ok: 1, missed: 1, timeout: 1, error: 1 }).ratio).toBe(0.25);
    expect(uptimeFrom({ in_progress: 3 }).ratio).toBeNull();
  });

  it("buckets check-ins and colours each bucket by its worst status", () => {
    const from = at("2026-11-24T09:00:00Z");
    const to = at("2026-11-24T10:00:00Z");
    const inWindow = checkIns.filter((checkIn) => checkIn.startedAt >= from && checkIn.startedAt < to);
    const counts = inWindow.map((checkIn) => ({ bucket: bucketIndex(checkIn.startedAt, from, to, 4), status: checkIn.status, count: 1 }));
    const buckets = timelineBuckets(counts, from, to, 4);
    expect(buckets.map((bucket) => bucket.worst)).toEqual(["ok", null, "error", "ok"]);
    expect(buckets[3]!.counts).toMatchObject({ ok: 1, in_progress: 1 });
    expect(buckets[1]!.from).toBe("2026-11-24T09:15:00.000Z");
  });
});
