import { describe, expect, it } from "vitest";
import { pruneExpired, retentionCutoff } from "@/lib/retention";
import { withTestDatabase } from "../support/database";

const database = withTestDatabase({ truncateEach: true });
const NOW = new Date("2026-11-25T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const KEEP = { webhookDeliveries: 30, checkIns: 90, jobLogs: 30, audit: 365, alerts: 90, healthSamples: 30, workers: 30, tickSlots: 7 };

describe("retentionCutoff", () => {
  it("counts days back from now; 0 keeps forever", () => {
    expect(retentionCutoff(30, NOW)).toEqual(daysAgo(30));
    expect(retentionCutoff(0, NOW)).toBeNull();
  });
});

async function seed() {
  const db = database().db;
  const delivery = (id: string, at: Date) => ({ id, resource: "issue", action: "created", status: "processed" as const, contentKey: `key-${id}`, bodySha256: "0".repeat(64), rawBody: "{}", signatureOk: true, headers: {}, receivedAt: at });
  await db.webhookDelivery.createMany({ data: [delivery("old-delivery", daysAgo(31)), delivery("new-delivery", daysAgo(29))] });
  await db.appliedWebhookContent.create({ data: { contentKey: "key-old-delivery", deliveryId: "old-delivery", appliedAt: daysAgo(31) } });
  const monitor = await db.monitor.create({ data: { slug: "nightly", name: "Nightly", scheduleType: "crontab", schedule: "0 0 * * *" } });
  await db.monitorCheckIn.createMany({
    data: [
      { monitorId: monitor.id, checkInId: "old", source: "api", status: "ok", startedAt: daysAgo(100) },
      { monitorId: monitor.id, checkInId: "old-running", source: "api", status: "in_progress", startedAt: daysAgo(100) },
      { monitorId: monitor.id, checkInId: "new", source: "api", status: "ok", startedAt: daysAgo(10) },
    ],
  });
  const job = (id: string, finishedAt: Date) => ({ id, tier: "nonprod" as const, namespace: "default", priorityClass: "B" as const, script: "noop", args: {}, source: "api" as const, submittedByType: "system" as const, submittedByLabel: "t", status: "succeeded" as const, finishedAt, logBytes: 10 });
  await db.remediationJob.createMany({ data: [job("old-job", daysAgo(40)), job("new-job", daysAgo(5))] });
  await db.jobLogLine.createMany({ data: [{ jobId: "old-job", level: "info", message: "old line" }, { jobId: "new-job", level: "info", message: "new line" }] });
  await db.auditLogEntry.createMany({ data: [{ actorType: "system", actorLabel: "t", action: "old", createdAt: daysAgo(400) }, { actorType: "system", actorLabel: "t", action: "new", createdAt: daysAgo(1) }] });
  const check = await db.healthCheck.create({ data: { name: "API", kind: "http", target: { url: "https://api.example.com/health" } } });
  await db.healthSample.createMany({ data: [{ checkId: check.id, ok: false, error: "old", createdAt: daysAgo(31) }, { checkId: check.id, ok: true, createdAt: daysAgo(1) }] });
  await seedWorkers();
  const slot = (task: string, slotStart: Date) => ({ task, slotStart, runner: "cron", startedAt: slotStart, leaseExpiresAt: slotStart, finishedAt: slotStart, outcome: "succeeded" as const });
  await db.tickSlot.createMany({ data: [slot("monitors", daysAgo(8)), slot("monitors", daysAgo(6))] });
  await db.alertEvent.createMany({ data: [{ id: "old-event", type: "job.failed", groupKey: "g", severity: "error", title: "old", data: {}, createdAt: daysAgo(91) }, { id: "new-event", type: "job.failed", groupKey: "g", severity: "error", title: "new", data: {}, createdAt: daysAgo(2) }] });
}

/** Stopped and vanished workers either side of the 30-day retention, and one still holding a lease. */
async function seedWorkers() {
  const db = database().db;
  const worker = (id: string, lastSeenAt: Date, stopped: boolean) => ({ id, kind: "embedded" as const, host: "laptop", version: "0.1.0", tiers: ["nonprod" as const], jobsProcessed: 3, startedAt: daysAgo(60), lastSeenAt, stoppedAt: stopped ? lastSeenAt : null });
  await db.worker.createMany({
    data: [
      worker("embedded:laptop:1", daysAgo(45), true),
      worker("embedded:laptop:2", daysAgo(31), false),
      worker("embedded:laptop:3", daysAgo(29), true),
      worker("embedded:laptop:4", NOW, false),
      // Silent past the retention, yet its lease is on a running job: kept until the job is reaped.
      worker("embedded:laptop:5", daysAgo(40), true),
    ],
  });
  const job = { tier: "nonprod" as const, namespace: "default", priorityClass: "B" as const, script: "noop", args: {}, source: "api" as const, submittedByType: "system" as const, submittedByLabel: "t" };
  await db.remediationJob.create({ data: { ...job, id: "leased-job", status: "running", attempts: 1, leaseOwner: "embedded:laptop:5:ab12cd34", leaseExpiresAt: NOW } });
  await db.remediationJob.create({ data: { ...job, id: "job-of-pruned-worker", status: "succeeded", attempts: 1, finishedAt: daysAgo(45) } });
  await db.jobAttempt.create({ data: { jobId: "job-of-pruned-worker", attempt: 1, workerId: "embedded:laptop:1:ff00ff00", status: "succeeded", startedAt: daysAgo(45), finishedAt: daysAgo(45) } });
}

describe("pruneExpired", () => {
  it("deletes what is past each retention and keeps the rest", async () => {
    await seed();
    const result = await pruneExpired(NOW, Date.now() + 30_000, KEEP);
    expect(result).toEqual({ webhookDeliveries: 1, checkIns: 1, jobLogs: 1, audit: 1, alerts: 1, healthSamples: 1, workers: 2, tickSlots: 1 });
    const db = database().db;
    expect((await db.webhookDelivery.findMany()).map((row) => row.id)).toEqual(["new-delivery"]);
    // Exactly-once stays: a redelivery of the pruned one is still known as applied.
    expect(await db.appliedWebhookContent.count()).toBe(1);
    expect((await db.monitorCheckIn.findMany({ orderBy: { checkInId: "asc" } })).map((row) => row.checkInId)).toEqual(["new", "old-running"]);
    expect((await db.jobLogLine.findMany()).map((row) => row.message)).toEqual(["new line"]);
    expect((await db.remediationJob.findUniqueOrThrow({ where: { id: "old-job" } })).logBytes).toBe(0);
    expect((await db.auditLogEntry.findMany()).map((row) => row.action)).toEqual(["new"]);
    expect((await db.alertEvent.findMany()).map((row) => row.id)).toEqual(["new-event"]);
    expect((await db.healthSample.findMany()).map((row) => row.ok)).toEqual([true]);
    // Workers silent past the retention go, stopped or vanished; recent, live and leased ones stay.
    expect((await db.worker.findMany({ orderBy: { id: "asc" } })).map((row) => row.id)).toEqual(["embedded:laptop:3", "embedded:laptop:4", "embedded:laptop:5"]);
    // The pruned worker's jobs keep their history, worker name included.
    expect((await db.jobAttempt.findFirstOrThrow({ where: { jobId: "job-of-pruned-worker" } })).workerId).toBe("embedded:laptop:1:ff00ff00");
    expect((await db.tickSlot.findMany()).map((row) => row.slotStart)).toEqual([daysAgo(6)]);
    // A second pass has nothing left to do.
    expect(await pruneExpired(NOW, Date.now() + 30_000, KEEP)).toEqual({});
  });

  it("keeps everything of a kind whose retention is 0", async () => {
    await seed();
    const result = await pruneExpired(NOW, Date.now() + 30_000, { ...KEEP, audit: 0, webhookDeliveries: 0, workers: 0 });
    expect(result).not.toHaveProperty("audit");
    expect(result).not.toHaveProperty("webhookDeliveries");
    expect(result).not.toHaveProperty("workers");
    expect(await database().db.auditLogEntry.count()).toBe(2);
    expect(await database().db.webhookDelivery.count()).toBe(2);
    expect(await database().db.worker.count()).toBe(5);
  });
});
