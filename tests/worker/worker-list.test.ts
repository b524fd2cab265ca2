import { describe, expect, it } from "vitest";
import { listWorkerEntries } from "@/lib/worker";
import { withTestDatabase } from "../support/database";

const database = withTestDatabase({ truncateEach: true });
const NOW = new Date("2026-11-25T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe("the Workers page's list", () => {
  it("shows workers gone for more than a day as one line per kind, and the rest as rows", async () => {
    const db = database().db;
    const worker = (id: string, kind: "embedded" | "standalone", lastSeenAt: Date, stopped: boolean, jobsProcessed = 0) => ({ id, kind, host: "laptop", version: "0.1.0", tiers: ["nonprod" as const], jobsProcessed, startedAt: hoursAgo(500), lastSeenAt, stoppedAt: stopped ? lastSeenAt : null });
    await db.worker.createMany({
      data: [
        // Twelve `npm run dev` restarts, days ago; one was killed without recording its stop.
        ...Array.from({ length: 11 }, (_, i) => worker(`embedded:laptop:${100 + i}`, "embedded", hoursAgo(72 + i), true, 2)),
        worker("embedded:laptop:99", "embedded", hoursAgo(80), false, 1),
        worker("standalone:box:7", "standalone", hoursAgo(30), true, 40),
        worker("embedded:laptop:200", "embedded", hoursAgo(2), true),
        worker("standalone:box:8", "standalone", NOW, false),
      ],
    });
    await db.remediationJob.create({
      data: { id: "running", tier: "nonprod", namespace: "default", priorityClass: "B", script: "noop", args: {}, source: "api", submittedByType: "system", submittedByLabel: "t", status: "running", attempts: 1, leaseOwner: "standalone:box:8:0badc0de" },
    });

    const entries = await listWorkerEntries(NOW);

    expect(entries).toEqual([
      { type: "worker", worker: expect.objectContaining({ id: "standalone:box:8", state: "active", runningJobs: 1 }) },
      { type: "worker", worker: expect.objectContaining({ id: "embedded:laptop:200", state: "stopped" }) },
      { type: "gone", gone: { kind: "standalone", count: 1, withoutStop: 0, jobsProcessed: 40, lastSeenAt: hoursAgo(30).toISOString() } },
      { type: "gone", gone: { kind: "embedded", count: 12, withoutStop: 1, jobsProcessed: 23, lastSeenAt: hoursAgo(72).toISOString() } },
    ]);
  });
});
