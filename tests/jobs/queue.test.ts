import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  approveJob,
  cancelJob,
  claimJobs,
  finishRun,
  reapExpiredLeases,
  rejectJob,
  renewLeases,
  submitJob,
} from "@/lib/jobs";
import { ValidationFailed, Forbidden, Conflict } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TestClock } from "../support/clock";
import { OPERATOR, queueSettings, submit, SYSTEM } from "../support/jobs";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
});

async function validationField(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  return (error as ValidationFailed).details.field;
}

describe("submitting", () => {
  it("queues a job with the script's defaults filled in", async () => {
    const { job, deduplicated } = await submit({ script: "sleep", args: { seconds: 1 } });
    expect(deduplicated).toBe(false);
    expect(job).toMatchObject({ status: "queued", script: "sleep", tier: "nonprod", namespace: "default", priorityClass: "B", attempts: 0, maxAttempts: 1, timeoutSeconds: 120 });
    expect(job.args).toEqual({ seconds: 1, fail: false });
  });

  it("names the wrong field: unknown script, bad args, a tier the script refuses, a missing issue", async () => {
    expect(await validationField(submit({ script: "rm-rf" }))).toBe("script");
    expect(await validationField(submit({ script: "sleep", args: { seconds: "ten" } }))).toBe("args.seconds");
    expect(await validationField(submit({ script: "apply-ai-fix", tier: "prod", args: { suggestedFix: "x" } }))).toBe("tier");
    expect(await validationField(submit({ script: "sentry-comment", args: { text: "hi" } }))).toBe("issueId");
    expect(await validationField(submit({ script: "sentry-comment", args: { text: "hi" }, issueId: "404" }))).toBe("issueId");
    expect(await validationField(submitJob({ script: "noop", tier: "staging" as "prod" }, SYSTEM))).toBe("tier");
    expect(await database.db.remediationJob.count()).toBe(0);
  });

  it("refuses a viewer", async () => {
    await expect(submitJob({ script: "noop", tier: "nonprod" }, { ...OPERATOR, role: "viewer" })).rejects.toBeInstanceOf(Forbidden);
  });

  it("audits a person's submission in the same statement", async () => {
    const { job } = await submitJob({ script: "noop", tier: "prod" }, OPERATOR);
    const audit = await database.db.auditLogEntry.findMany({ where: { targetId: job.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "job.submitted", actorLabel: "op@example.com", actorType: "user" });
  });

  it("returns the active job for a dedupe key instead of a second one, even when submissions race", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => submit({ script: "noop", dedupeKey: "issue-42" })));
    const ids = new Set(results.map((result) => result.job.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => !result.deduplicated)).toHaveLength(1);
    expect(await database.db.remediationJob.count()).toBe(1);
  });

  it("accepts the key again once the earlier job has ended", async () => {
    const first = await submit({ script: "noop", dedupeKey: "k" });
    await cancelJob(first.job.id, OPERATOR.actor);
    const second = await submit({ script: "noop", dedupeKey: "k" });
    expect(second.deduplicated).toBe(false);
    expect(second.job.id).not.toBe(first.job.id);
  });
});

describe("claiming", () => {
  it("claims by class, then run-after, then age", async () => {
    const clock = new TestClock();
    const c = await submit({ script: "noop", priorityClass: "C" }, undefined, clock);
    clock.advance(1);
    const b = await submit({ script: "noop", priorityClass: "B" }, undefined, clock);
    clock.advance(1);
    const a = await submit({ script: "noop", priorityClass: "A" }, undefined, clock);
    clock.advance(1);
    const claimed = await claimJobs({ workerId: "w1", capacity: 10, tiers: ["prod", "nonprod"] }, queueSettings(clock));
    expect(claimed.map((job) => job.id)).toEqual([a.job.id, b.job.id, c.job.id]);
    expect(claimed.every((job) => job.status === "running" && job.attempts === 1 && job.leaseOwner === "w1")).toBe(true);
    expect(await database.db.jobAttempt.count({ where: { status: "running" } })).toBe(3);
  });

  it("gives each job to one worker when several claim at once", async () => {
    for (let i = 0; i < 30; i++) await submit({ script: "noop" });
    const settings = queueSettings();
    const batches = await Promise.all(["w1", "w2", "w3", "w4"].map((workerId) => claimJobs({ workerId, capacity: 10, tiers: ["nonprod"] }, settings)));
    const ids = batches.flat().map((job) => job.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("keeps prod within its running limit, counting every worker's jobs", async () => {
    for (let i = 0; i < 5; i++) await submit({ script: "noop", tier: "prod" });
    const settings = queueSettings(undefined, { limits: { maxRunning: { prod: 2, nonprod: 0 }, maxRunningPerNamespace: 0 } });
    const batches = await Promise.all(["w1", "w2", "w3"].map((workerId) => claimJobs({ workerId, capacity: 5, tiers: ["prod"] }, settings)));
    expect(batches.flat()).toHaveLength(2);
    const [done] = batches.flat();
    await finishRun(done!, done!.leaseOwner!, { kind: "succeeded" }, settings);
    expect(await claimJobs({ workerId: "w4", capacity: 5, tiers: ["prod"] }, settings)).toHaveLength(1);
  });

  it("limits a namespace without holding back the others", async () => {
    await submit({ script: "noop", namespace: "payments", priorityClass: "A" });
    await submit({ script: "noop", namespace: "payments", priorityClass: "A" });
    const search = await submit({ script: "noop", namespace: "search", priorityClass: "C" });
    const settings = queueSettings(undefined, { limits: { maxRunning: { prod: 0, nonprod: 0 }, maxRunningPerNamespace: 1 } });
    const claimed = await claimJobs({ workerId: "w1", capacity: 5, tiers: ["nonprod"] }, settings);
    expect(claimed.map((job) => job.namespace).sort()).toEqual(["payments", "search"]);
    expect(claimed.some((job) => job.id === search.job.id)).toBe(true);
  });

  it("serves only the worker's tiers", async () => {
    await submit({ script: "noop", tier: "prod" });
    expect(await claimJobs({ workerId: "w1", capacity: 5, tiers: ["nonprod"] }, queueSettings())).toHaveLength(0);
    expect(await claimJobs({ workerId: "w1", capacity: 5, tiers: ["prod"] }, queueSettings())).toHaveLength(1);
  });
});

describe("retries, leases and timeouts", () => {
  it("retries a failure after an exponential, jittered backoff, then fails for good", async () => {
    const clock = new TestClock();
    const settings = queueSettings(clock, { backoff: { baseSeconds: 10, maxSeconds: 600 }, random: () => 0.5 });
    const { job } = await submit({ script: "noop", maxAttempts: 3 }, undefined, clock);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [claimed] = await claimJobs({ workerId: "w", capacity: 1, tiers: ["nonprod"] }, settings);
      expect(claimed?.attempts).toBe(attempt);
      const stored = await finishRun(claimed!, "w", { kind: "failed", error: `boom ${attempt}`, retryable: true }, settings);
      if (attempt < 3) {
        expect(stored?.status).toBe("queued");
        const delay = (stored!.runAfter.getTime() - clock.now().getTime()) / 1000;
        delays.push(delay);
        // Not claimable before its run-after.
        expect(await claimJobs({ workerId: "w", capacity: 1, tiers: ["nonprod"] }, settings)).toHaveLength(0);
        clock.advance(delay);
      } else {
        expect(stored).toMatchObject({ status: "failed", error: "boom 3" });
        expect(stored?.finishedAt).not.toBeNull();
      }
    }
    expect(delays).toEqual([5, 10]);
    const attempts = await database.db.jobAttempt.findMany({ where: { jobId: job.id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((attempt) => attempt.status)).toEqual(["failed", "failed", "failed"]);
  });

  it("does not retry a failure marked as not retryable", async () => {
    await submit({ script: "noop", maxAttempts: 5 });
    const settings = queueSettings();
    const [claimed] = await claimJobs({ workerId: "w", capacity: 1, tiers: ["nonprod"] }, settings);
    const stored = await finishRun(claimed!, "w", { kind: "failed", error: "not configured", retryable: false }, settings);
    expect(stored?.status).toBe("failed");
  });

  it("renews leases, and reaps expired ones: retry while attempts remain, then timed out", async () => {
    const clock = new TestClock();
    const settings = queueSettings(clock, { leaseSeconds: 30 });
    const { job } = await submit({ script: "noop", maxAttempts: 2 }, undefined, clock);
    await claimJobs({ workerId: "dead", capacity: 1, tiers: ["nonprod"] }, settings);
    clock.advance(20);
    expect(await renewLeases("dead", [job.id], settings)).toEqual({ lost: [], cancelRequested: [] });
    clock.advance(20);
    expect(await reapExpiredLeases(settings)).toEqual([]);
    clock.advance(20);
    const reaped = await reapExpiredLeases(settings);
    expect(reaped).toEqual([{ id: job.id, status: "queued", issueId: null }]);
    // The dead worker cannot write any more: its lease is gone.
    expect(await renewLeases("dead", [job.id], settings)).toEqual({ lost: [job.id], cancelRequested: [] });
    expect(await finishRun({ ...job, attempts: 1 }, "dead", { kind: "succeeded" }, settings)).toBeNull();

    clock.advance(600);
    await claimJobs({ workerId: "second", capacity: 1, tiers: ["nonprod"] }, settings);
    clock.advance(31);
    expect((await reapExpiredLeases(settings))[0]?.status).toBe("timed_out");
    const stored = await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored.status).toBe("timed_out");
    expect(stored.error).toMatch(/stopped renewing its lease/);
  });

  it("gives a released job back with its attempt refunded", async () => {
    await submit({ script: "noop" });
    const settings = queueSettings();
    const [claimed] = await claimJobs({ workerId: "w", capacity: 1, tiers: ["nonprod"] }, settings);
    const stored = await finishRun(claimed!, "w", { kind: "released" }, settings);
    expect(stored).toMatchObject({ status: "queued", attempts: 0, leaseOwner: null });
  });
});

describe("operator actions", () => {
  it("cancels a queued job at once and a running one through its worker", async () => {
    const queued = await submit({ script: "noop" });
    expect((await cancelJob(queued.job.id, OPERATOR.actor)).job.status).toBe("cancelled");
    await expect(cancelJob(queued.job.id, OPERATOR.actor)).rejects.toBeInstanceOf(Conflict);

    const running = await submit({ script: "noop" });
    const settings = queueSettings();
    await claimJobs({ workerId: "w", capacity: 1, tiers: ["nonprod"] }, settings);
    const result = await cancelJob(running.job.id, OPERATOR.actor);
    expect(result).toMatchObject({ stopRequested: true, job: { status: "running" } });
    expect(await renewLeases("w", [running.job.id], settings)).toEqual({ lost: [], cancelRequested: [running.job.id] });
    expect(await database.db.auditLogEntry.count({ where: { action: "job.cancelled" } })).toBe(2);
  });

  it("holds a job needing approval until approved; a rejected one never runs", async () => {
    const settings = queueSettings();
    const held = await submit({ script: "noop", tier: "prod", requiresApproval: true });
    expect(held.job.status).toBe("awaiting_approval");
    expect(await claimJobs({ workerId: "w", capacity: 5, tiers: ["prod"] }, settings)).toHaveLength(0);
    expect((await approveJob(held.job.id, OPERATOR.actor)).status).toBe("queued");
    await expect(approveJob(held.job.id, OPERATOR.actor)).rejects.toBeInstanceOf(Conflict);
    expect(await claimJobs({ workerId: "w", capacity: 5, tiers: ["prod"] }, settings)).toHaveLength(1);

    const rejected = await submit({ script: "noop", tier: "prod", requiresApproval: true });
    expect(await rejectJob(rejected.job.id, OPERATOR.actor, "not now")).toMatchObject({ status: "cancelled", error: "Rejected by op@example.com: not now" });
    expect(await claimJobs({ workerId: "w", capacity: 5, tiers: ["prod"] }, settings)).toHaveLength(0);
  });
});
