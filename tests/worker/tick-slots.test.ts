import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { AppConfig } from "@/lib/config";
import { JobWorker, oncePerSlot, queueSettingsFrom, registerTickTask, runCronTick, runTickTasks } from "@/lib/worker";
import { claimSlot, finishSlot } from "@/lib/worker/slot-store";
import { withTestDatabase } from "../support/database";
import { testConfig } from "../support/jobs";
import { registerSlotCounter, SLOT_COUNTER_TASK, slotCounterRuns } from "../support/slot-counter";

const database = withTestDatabase({ truncateEach: true });

/** The tasks that must run once per slot (with the test's counter), and those that run every pass. */
const SLOTTED = ["sentry-poll", "monitors", "job-rollup", "loop-metrics-24h", "loop-metrics-7d", "loop-metrics-30d", "retention", "alerts", "outbox-watch", SLOT_COUNTER_TASK];
const EVERY_PASS = ["remediation-loop", "health-checks"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Workers {
  stop(): Promise<void>;
}

/**
 * Standalone workers running tick passes every `tickEveryMs`: real processes on PostgreSQL;
 * on PGlite (one process owns it) JobWorkers in this process, each with its own id.
 */
async function startWorkers(count: number, options: { config: AppConfig; env: Record<string, string>; tickEveryMs: number; slotTaskMs: number }): Promise<Workers> {
  if (database().kind === "postgres") {
    const children: ChildProcess[] = [];
    for (let i = 0; i < count; i++) {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/worker-process.ts"], {
        env: {
          ...process.env,
          ...options.env,
          WORKER_TEST_DATABASE_URL: database().url!,
          WORKER_TEST_ID: `worker-${i}`,
          WORKER_TEST_TICK_EVERY_MS: String(options.tickEveryMs),
          WORKER_TEST_SLOT_TASK_MS: String(options.slotTaskMs),
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
      children.push(child);
    }
    return {
      stop: async () => {
        await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once("exit", resolve), child.kill("SIGKILL"))))));
      },
    };
  }
  const workers = Array.from(
    { length: count },
    (_, i) =>
      new JobWorker({ kind: "standalone", id: `worker-${i}`, tiers: ["nonprod"], concurrency: 1, pollIntervalMs: 1000, settings: queueSettingsFrom(options.config), config: options.config, tickTasksEveryMs: options.tickEveryMs, log: () => {} }),
  );
  await Promise.all(workers.map((worker) => worker.start()));
  return { stop: async () => void (await Promise.all(workers.map((worker) => worker.stop(1000)))) };
}

describe("periodic tick tasks run once per slot", () => {
  it("three standalone workers and the cron tick, over several slots: each slotted task ran exactly once per slot", async () => {
    const slotMs = 5_000;
    const tickEveryMs = 1_500;
    const env = { TICK_TASK_SLOT_SECONDS: String(slotMs / 1000), JOBS_LEASE_SECONDS: "5", WORKER_TIERS: "nonprod" };
    const config = testConfig(env);
    // The counter runs 300 ms, so passes of other runners arrive while it holds its slot.
    const unregister = registerSlotCounter(300);
    const workers = await startWorkers(3, { config, env: { WORKER_TEST_SLOT_SECONDS: env.TICK_TASK_SLOT_SECONDS, WORKER_TEST_LEASE_SECONDS: env.JOBS_LEASE_SECONDS }, tickEveryMs, slotTaskMs: 300 });
    let windowStart = 0;
    let windowEnd = 0;
    try {
      // Warm up (a process's first pass loads and connects everything): each worker has
      // finished a pass, and so has the cron tick, before the slots that are counted.
      const finishedPasses = async () => new Set((await database().db.monitorCheckIn.findMany({ where: { workerId: { startsWith: "worker-" }, status: { not: "in_progress" } } })).map((checkIn) => checkIn.workerId)).size;
      await expect.poll(finishedPasses, { timeout: 60_000 }).toBe(3);
      await runCronTick({ config, budgetSeconds: 5 });
      windowStart = Date.now();
      // The Vercel cron tick, at the workers' pace: every runner races for every slot.
      while (Date.now() < windowStart + 6 * slotMs) {
        const started = Date.now();
        await runCronTick({ config, budgetSeconds: 5 });
        await sleep(tickEveryMs - (Date.now() - started));
      }
      windowEnd = Date.now();
    } finally {
      await workers.stop();
      unregister();
    }

    const slots: string[] = [];
    for (let start = Math.ceil(windowStart / slotMs) * slotMs; start + slotMs <= windowEnd; start += slotMs) slots.push(new Date(start).toISOString());
    expect(slots.length).toBeGreaterThanOrEqual(4);

    const rows = await database().db.tickSlot.findMany({ orderBy: [{ task: "asc" }, { slotStart: "asc" }] });
    const inWindow = rows.filter((row) => slots.includes(row.slotStart.toISOString()));
    for (const task of SLOTTED) {
      const taskRows = inWindow.filter((row) => row.task === task);
      expect({ task, slots: taskRows.map((row) => row.slotStart.toISOString()) }).toEqual({ task, slots });
      for (const row of taskRows) expect({ task, attempt: row.attempt, outcome: row.outcome, finished: row.finishedAt !== null }).toEqual({ task, attempt: 1, outcome: "succeeded", finished: true });
    }
    expect(rows.filter((row) => EVERY_PASS.includes(row.task))).toEqual([]);
    // The slots were won by different runners: the workers did race the cron tick.
    expect(new Set(inWindow.map((row) => row.runner)).size).toBeGreaterThan(1);

    // What really ran: the counter wrote one row per run, whichever process ran it.
    const runs = await slotCounterRuns(slotMs);
    for (const slot of slots) expect({ slot, runs: runs.get(slot) }).toEqual({ slot, runs: 1 });
    expect(Math.max(...runs.values())).toBe(1);
  }, 180_000);

  it("a second pass in the same slot skips the slotted tasks, naming who took them, and still checks in ok", async () => {
    const config = testConfig();
    const clock = { now: () => new Date("2026-12-02T10:00:30Z") };
    const first = await runCronTick({ config, clock, budgetSeconds: 5 });
    expect(first.tasks.monitors).toMatchObject({ ok: true, result: { missed: 0, timedOut: 0 } });
    const second = await runTickTasks({ deadlineAt: Date.now() + 10_000, clock, config, runner: "standalone:b:2" });
    expect(second.monitors).toEqual({ ok: true, result: { skipped: "slot taken by cron", slot: "2026-12-02T10:00:00.000Z" } });
    expect(second["sentry-poll"]).toEqual({ ok: true, result: { skipped: "slot taken by cron", slot: "2026-12-02T10:00:00.000Z" } });
    expect(second.retention).toEqual({ ok: true, result: { skipped: "slot taken by cron", slot: "2026-12-02T10:00:00.000Z" } });
    // Tasks that run every pass did run.
    expect(second["health-checks"]).toMatchObject({ ok: true, result: { probed: 0 } });

    const again = await runCronTick({ config, clock, budgetSeconds: 5 });
    expect(Object.values(again.tasks).every((result) => result.ok)).toBe(true);
    expect(again.checkIns.map((report) => report.status)).toEqual(["ok", "ok"]);
    expect(new Set((await database().db.monitorCheckIn.findMany()).map((checkIn) => checkIn.status))).toEqual(new Set(["ok"]));
  });

  it("a failing slotted task records its slot as failed; other passes of that slot do not retry it, the next slot does", async () => {
    let calls = 0;
    const unregister = registerTickTask({
      name: "test-failing",
      schedule: oncePerSlot(() => 60_000),
      run: async () => {
        calls += 1;
        throw new Error("Sentry answered 500");
      },
    });
    try {
      const config = testConfig();
      const pass = (iso: string, runner: string) => runTickTasks({ deadlineAt: Date.now() + 10_000, clock: { now: () => new Date(iso) }, config, runner });
      expect((await pass("2026-12-02T10:00:05Z", "worker-a"))["test-failing"]).toEqual({ ok: false, error: "Sentry answered 500" });
      expect((await pass("2026-12-02T10:00:35Z", "worker-b"))["test-failing"]).toMatchObject({ ok: true, result: { skipped: "slot taken by worker-a" } });
      expect(calls).toBe(1);
      expect(await database().db.tickSlot.findFirstOrThrow({ where: { task: "test-failing" } })).toMatchObject({ runner: "worker-a", outcome: "failed", error: "Sentry answered 500" });
      expect((await pass("2026-12-02T10:01:05Z", "worker-b"))["test-failing"]).toEqual({ ok: false, error: "Sentry answered 500" });
      expect(calls).toBe(2);
    } finally {
      unregister();
    }
  });

  it("a slot whose holder crashed mid-run is taken over by another worker once its lease has expired", async () => {
    const config = testConfig({ TICK_TASK_SLOT_SECONDS: "3600", JOBS_LEASE_SECONDS: "2" });
    const crashedAt = new Date("2026-01-01T12:30:00Z");
    const slot = { task: SLOT_COUNTER_TASK, slotStart: new Date("2026-01-01T12:00:00Z") };
    if (database().kind === "postgres") {
      // A real worker process, killed with SIGKILL while its slot's task runs: nothing of it
      // finishes the slot or gives it back.
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/worker-process.ts"], {
        env: {
          ...process.env,
          WORKER_TEST_DATABASE_URL: database().url!,
          WORKER_TEST_ID: "doomed",
          WORKER_TEST_TICK_EVERY_MS: "60000",
          WORKER_TEST_SLOT_SECONDS: "3600",
          WORKER_TEST_SLOT_TASK_MS: "600000",
          WORKER_TEST_LEASE_SECONDS: "2",
          WORKER_TEST_CLOCK_START: crashedAt.toISOString(),
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
      await expect.poll(async () => (await slotCounterRuns(3_600_000)).get(slot.slotStart.toISOString()) ?? 0, { timeout: 30_000 }).toBe(1);
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    } else {
      // One process owns PGlite: the crashed holder is a claim that is never renewed or finished.
      expect(await claimSlot(SLOT_COUNTER_TASK, 3_600_000, "doomed", crashedAt, 2_000)).toMatchObject({ claimed: { attempt: 1 } });
    }
    const held = await database().db.tickSlot.findUniqueOrThrow({ where: { task_slotStart: slot } });
    expect(held).toMatchObject({ runner: "doomed", attempt: 1, finishedAt: null });

    const unregister = registerSlotCounter(0);
    try {
      const pass = (at: Date, runner: string) => runTickTasks({ deadlineAt: Date.now() + 10_000, clock: { now: () => at }, config, runner });
      // While the lease lasts, the slot is left to its holder…
      const during = await pass(new Date(held.leaseExpiresAt.getTime() - 1), "rescuer");
      expect(during[SLOT_COUNTER_TASK]).toEqual({ ok: true, result: { skipped: "slot taken by doomed (still running)", slot: slot.slotStart.toISOString() } });
      // …once it has expired, the next pass takes the slot over and runs the task.
      const after = await pass(held.leaseExpiresAt, "rescuer");
      expect(after[SLOT_COUNTER_TASK]).toEqual({ ok: true, result: { ran: held.leaseExpiresAt.toISOString() } });
    } finally {
      unregister();
    }
    expect(await database().db.tickSlot.findUniqueOrThrow({ where: { task_slotStart: slot } })).toMatchObject({ runner: "rescuer", attempt: 2, outcome: "succeeded" });
    // The crashed holder, were it to come back, can no longer finish the slot.
    expect(await finishSlot({ ...slot, runner: "doomed", attempt: 1 }, new Date(), "late")).toBe(false);
    expect(await database().db.tickSlot.findUniqueOrThrow({ where: { task_slotStart: slot } })).toMatchObject({ runner: "rescuer", outcome: "succeeded", error: null });
  }, 60_000);
});
