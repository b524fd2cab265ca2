import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { BUILT_IN_SCRIPTS, cancelJob, claimJobs, defineScript, settleBackgroundTasks, submitJob } from "@/lib/jobs";
import { LOG_TRUNCATED_MESSAGE } from "@/lib/jobs/log-cap";
import { JobWorker } from "@/lib/worker";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { countingScript, OPERATOR, queueSettings, SYSTEM, testConfig } from "../support/jobs";

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

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("Timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("workers", () => {
  it("4 concurrent workers run each of 1,000 jobs exactly once", async () => {
    const { scripts, starts, concurrentRuns } = countingScript(0);
    const inserts = [];
    for (let i = 0; i < 1000; i++) inserts.push(submitJob({ script: "count", tier: i % 3 === 0 ? "prod" : "nonprod", priorityClass: (["A", "B", "C"] as const)[i % 3] }, SYSTEM, { scripts }));
    await Promise.all(inserts);
    const workers = Array.from(
      { length: 4 },
      (_, i) =>
        new JobWorker({ kind: "standalone", id: `test-${i}`, tiers: ["prod", "nonprod"], concurrency: 8, pollIntervalMs: 50, settings: queueSettings(), config: testConfig(), scripts, log: () => {} }),
    );
    await Promise.all(workers.map((worker) => worker.start()));
    await waitFor(async () => (await database.db.remediationJob.count({ where: { status: "succeeded" } })) === 1000, 120_000);
    await Promise.all(workers.map((worker) => worker.stop(1000)));

    expect(starts.size).toBe(1000);
    expect([...starts.values()].every((count) => count === 1)).toBe(true);
    expect(concurrentRuns).toEqual([]);
    expect(await database.db.jobAttempt.count()).toBe(1000);
    const perWorker = await database.db.jobAttempt.groupBy({ by: ["workerId"], _count: { _all: true } });
    // On PostgreSQL the work spreads over the workers; PGlite has one connection, so it may not.
    if (database.kind === "postgres") expect(perWorker.length).toBeGreaterThan(1);
    const processed = await database.db.worker.aggregate({ _sum: { jobsProcessed: true } });
    expect(processed._sum.jobsProcessed).toBe(1000);
  }, 180_000);

  it("a worker that dies mid-job loses the job to another after its lease; the job ends exactly once", async () => {
    const { scripts, starts } = countingScript(60_000);
    const settings = queueSettings(undefined, { leaseSeconds: 1 });
    const { job } = await submitJob({ script: "count", tier: "nonprod", args: { ms: 60_000 }, maxAttempts: 2 }, SYSTEM, { scripts });

    if (database.kind === "postgres") {
      // A real process, killed with SIGKILL: no cleanup of any kind runs.
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/worker-process.ts"], {
        env: { ...process.env, WORKER_TEST_DATABASE_URL: database.url!, WORKER_TEST_LEASE_SECONDS: "1" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      await waitFor(async () => (await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).status === "running");
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    } else {
      // One process owns PGlite: the dead worker is a claim that is never renewed or finished.
      await claimJobs({ workerId: "dead", capacity: 1, tiers: ["nonprod"] }, settings);
    }

    const rescuer = new JobWorker({
      kind: "standalone",
      id: "rescuer",
      tiers: ["nonprod"],
      concurrency: 1,
      pollIntervalMs: 50,
      settings: { ...settings, backoff: { baseSeconds: 0, maxSeconds: 0 } },
      config: testConfig(),
      scripts: countingScript(10).scripts,
      log: () => {},
    });
    // The rescuer's script finishes fast, so the job can end.
    await database.db.remediationJob.update({ where: { id: job.id }, data: { args: { ms: 10 } } });
    await rescuer.start();
    await waitFor(async () => (await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).status === "succeeded");
    await rescuer.stop(1000);
    const attempts = await database.db.jobAttempt.findMany({ where: { jobId: job.id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((attempt) => attempt.status)).toEqual(["timed_out", "succeeded"]);
    const stored = await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(starts.get(job.id) ?? 0).toBe(0);
  }, 60_000);

  it("stops a running job when an operator cancels it, at the next heartbeat", async () => {
    const { job } = await submitJob({ script: "sleep", tier: "nonprod", args: { seconds: 30 } }, SYSTEM);
    const worker = new JobWorker({ kind: "standalone", id: "w", tiers: ["nonprod"], concurrency: 1, pollIntervalMs: 50, settings: queueSettings(undefined, { leaseSeconds: 1 }), config: testConfig(), log: () => {} });
    await worker.start();
    await waitFor(async () => (await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).status === "running");
    const { stopRequested } = await cancelJob(job.id, OPERATOR.actor);
    expect(stopRequested).toBe(true);
    await waitFor(async () => (await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).status === "cancelled", 10_000);
    await worker.stop(1000);
    const attempts = await database.db.jobAttempt.findMany({ where: { jobId: job.id } });
    expect(attempts.map((attempt) => attempt.status)).toEqual(["cancelled"]);
    await settleBackgroundTasks();
  }, 30_000);

  it("times out a job that runs past its timeout, and retries it while attempts remain", async () => {
    const { job } = await submitJob({ script: "sleep", tier: "nonprod", args: { seconds: 10 }, timeoutSeconds: 1, maxAttempts: 2 }, SYSTEM);
    const settings = queueSettings(undefined, { backoff: { baseSeconds: 0, maxSeconds: 0 } });
    const worker = new JobWorker({ kind: "standalone", id: "w", tiers: ["nonprod"], concurrency: 1, pollIntervalMs: 50, settings, config: testConfig(), log: () => {} });
    await worker.start();
    await waitFor(async () => (await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).status === "timed_out", 15_000);
    await worker.stop(1000);
    const stored = await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id }, include: { attemptsLog: { orderBy: { attempt: "asc" } } } });
    expect(stored).toMatchObject({ attempts: 2, error: "The job ran past its timeout." });
    expect(stored.attemptsLog.map((attempt) => attempt.status)).toEqual(["timed_out", "timed_out"]);
    await settleBackgroundTasks();
  }, 30_000);

  it("keeps a chatty job's log within the cap, across periodic flushes and the final one", async () => {
    const chatty = defineScript({
      name: "chatty",
      title: "Chatty (test)",
      description: "Logs a lot.",
      argsSchema: z.object({}),
      allowedTiers: ["nonprod"],
      defaultTimeoutSeconds: 30,
      defaultMaxAttempts: 1,
      configured: () => ({ ok: true }),
      run: async ({ log }) => {
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < 100; i++) log.info(`round ${round} line ${i} ${"x".repeat(80)}`);
          await new Promise((resolve) => setTimeout(resolve, 1100));
        }
        return { kind: "done" };
      },
    });
    const scripts = new Map([...BUILT_IN_SCRIPTS, [chatty.name, chatty]]);
    const { job } = await submitJob({ script: "chatty", tier: "nonprod" }, SYSTEM, { scripts });
    const worker = new JobWorker({ kind: "standalone", id: "w", tiers: ["nonprod"], concurrency: 1, pollIntervalMs: 50, settings: queueSettings(undefined, { logMaxBytes: 15_000 }), config: testConfig(), scripts, log: () => {} });
    await worker.start();
    await waitFor(async () => (await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).status === "succeeded", 20_000);
    await worker.stop(1000);
    const stored = await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id }, include: { logLines: { orderBy: { id: "asc" } } } });
    const bytes = stored.logLines.reduce((sum, line) => sum + Buffer.byteLength(line.message), 0);
    expect(bytes).toBeLessThanOrEqual(15_000 + LOG_TRUNCATED_MESSAGE.length);
    expect(stored.logLines.filter((line) => line.message === LOG_TRUNCATED_MESSAGE)).toHaveLength(1);
    expect(stored.logLines.at(-1)!.message).toBe(LOG_TRUNCATED_MESSAGE);
    expect(stored.logLines[0]!.message).toBe("round 0 line 0 " + "x".repeat(80));
    expect(stored.logLines.some((line) => line.message.startsWith("round 1"))).toBe(true);
  }, 30_000);

  it("stops claiming on shutdown and gives unfinished jobs back at once", async () => {
    const { scripts } = countingScript(30_000);
    const { job } = await submitJob({ script: "count", tier: "nonprod", args: { ms: 30_000 } }, SYSTEM, { scripts });
    const worker = new JobWorker({ kind: "standalone", id: "w", tiers: ["nonprod"], concurrency: 1, pollIntervalMs: 50, settings: queueSettings(), config: testConfig(), scripts, log: () => {} });
    await worker.start();
    await waitFor(async () => (await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).status === "running");
    await worker.stop(100);
    const stored = await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored).toMatchObject({ status: "queued", attempts: 0, leaseOwner: null });
    expect((await database.db.worker.findUniqueOrThrow({ where: { id: "w" } })).stoppedAt).not.toBeNull();
    await settleBackgroundTasks();
  }, 30_000);
});
