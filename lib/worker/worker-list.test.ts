import { describe, expect, it } from "vitest";
import { groupWorkerList, workerState, type WorkerView } from "./worker-list";

const NOW = new Date("2026-11-25T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

function worker(id: string, overrides: Partial<WorkerView>): WorkerView {
  return { id, kind: "embedded", host: "laptop", pid: 1, version: "0.1.0", tiers: ["prod", "nonprod"], runningJobs: 0, jobsProcessed: 0, throughputPerHour: 0, startedAt: hoursAgo(200), lastSeenAt: hoursAgo(0), stoppedAt: null, state: "active", ...overrides };
}
const stopped = (id: string, hours: number, overrides: Partial<WorkerView> = {}) => worker(id, { lastSeenAt: hoursAgo(hours), stoppedAt: hoursAgo(hours), state: "stopped", ...overrides });

describe("groupWorkerList", () => {
  it("folds workers stopped more than a day ago into one line per kind, with their jobs summed", () => {
    const entries = groupWorkerList(
      [
        worker("live", {}),
        stopped("embedded-old-1", 72, { jobsProcessed: 5 }),
        stopped("standalone-old", 30, { kind: "standalone", jobsProcessed: 7 }),
        stopped("embedded-old-2", 25, { jobsProcessed: 3 }),
      ],
      NOW,
    );
    expect(entries).toEqual([
      { type: "worker", worker: expect.objectContaining({ id: "live" }) },
      { type: "gone", gone: { kind: "embedded", count: 2, withoutStop: 0, jobsProcessed: 8, lastSeenAt: hoursAgo(25) } },
      { type: "gone", gone: { kind: "standalone", count: 1, withoutStop: 0, jobsProcessed: 7, lastSeenAt: hoursAgo(30) } },
    ]);
  });

  it("keeps workers stopped within the last day as their own rows, in the given order", () => {
    const entries = groupWorkerList([stopped("an-hour-ago", 1), stopped("almost-a-day-ago", 23.9), worker("live", {})], NOW);
    expect(entries.map((entry) => (entry.type === "worker" ? entry.worker.id : "gone"))).toEqual(["an-hour-ago", "almost-a-day-ago", "live"]);
  });

  it("folds a worker that vanished without recording a stop, and counts it apart", () => {
    const entries = groupWorkerList([worker("killed", { lastSeenAt: hoursAgo(48), state: "stale" }), stopped("stopped", 49)], NOW);
    expect(entries).toEqual([{ type: "gone", gone: { kind: "embedded", count: 2, withoutStop: 1, jobsProcessed: 0, lastSeenAt: hoursAgo(48) } }]);
  });

  it("never folds an active worker, however long ago it started", () => {
    const entries = groupWorkerList([worker("old-but-alive", { startedAt: hoursAgo(10_000), lastSeenAt: hoursAgo(0.01) })], NOW);
    expect(entries).toEqual([{ type: "worker", worker: expect.objectContaining({ id: "old-but-alive" }) }]);
  });
});

describe("workerState", () => {
  it("is stopped once a stop is recorded, stale when silent past its kind's heartbeat, else active", () => {
    const at = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
    expect(workerState({ kind: "embedded", lastSeenAt: at(0), stoppedAt: at(0) }, NOW)).toBe("stopped");
    expect(workerState({ kind: "embedded", lastSeenAt: at(3), stoppedAt: null }, NOW)).toBe("stale");
    expect(workerState({ kind: "cron", lastSeenAt: at(3), stoppedAt: null }, NOW)).toBe("active");
    expect(workerState({ kind: "cron", lastSeenAt: at(6), stoppedAt: null }, NOW)).toBe("stale");
  });
});
