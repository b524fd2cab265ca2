import { randomBytes } from "node:crypto";
import { getConfig, type AppConfig } from "@/lib/config";
import { systemClock, type Clock, type ScriptRegistry } from "@/lib/jobs";
import type { SentryClient } from "@/lib/sentry";
import { JobWorker, type DrainSummary } from "./job-worker";
import { monitorWorkerPass, type WorkerPassReport } from "@/lib/monitors";
import { runTickTasks, tickTasksFailed, type TickTaskResults } from "./tick-tasks";
import { queueSettingsFrom } from "./settings";

export interface TickSummary {
  tickId: string;
  startedAt: string;
  durationMs: number;
  budgetSeconds: number;
  jobs: DrainSummary;
  tasks: TickTaskResults;
  /** The pass's check-ins to the tier monitors (Sentry delivery and local record). */
  checkIns: WorkerPassReport[];
}

/**
 * One pass of the Vercel cron tick (or an admin's "Run tick now"): reap expired leases, claim
 * and run jobs until the queue is empty or the budget is used, then run the tick tasks.
 * The budget stays under the function's maxDuration; a job still running at its end is
 * stopped and counts as timed out (long work belongs in a GitHub workflow). The whole pass
 * checks in to the tier monitors: in_progress first, then ok, or error when it or a task failed.
 */
export async function runCronTick(
  options: {
    config?: AppConfig;
    clock?: Clock;
    scripts?: ScriptRegistry;
    sentry?: SentryClient;
    budgetSeconds?: number;
    /**
     * Check in to the tier monitors (default). An admin's "Run tick now" does not: it is not
     * the scheduled pass, and counting it would hide a cron that stopped running.
     */
    checkIn?: boolean;
  } = {},
): Promise<TickSummary> {
  const config = options.config ?? getConfig();
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const started = Date.now();
  const budgetSeconds = options.budgetSeconds ?? config.cron.tickBudgetSeconds;
  const deadlineAt = started + budgetSeconds * 1000;
  const worker = new JobWorker({
    kind: "cron",
    id: "cron",
    tiers: config.worker.tiers,
    concurrency: config.worker.concurrency,
    pollIntervalMs: config.worker.pollIntervalMs,
    settings: queueSettingsFrom(config, clock),
    config,
    scripts: options.scripts,
    sentry: options.sentry,
  });
  let checkIns: WorkerPassReport[] = [];
  const pass = async () => {
    const drained = await worker.drain(deadlineAt);
    return { jobs: drained, tasks: await runTickTasks({ deadlineAt, clock, config, runner: worker.id }) };
  };
  const { jobs, tasks } =
    options.checkIn === false
      ? await pass()
      : await monitorWorkerPass({ kind: "cron", workerId: worker.id, tiers: config.worker.tiers, config }, pass, {
          isFailure: (result) => tickTasksFailed(result.tasks),
          onReport: (reports) => (checkIns = reports),
        });
  return { tickId: randomBytes(6).toString("hex"), startedAt: startedAt.toISOString(), durationMs: Date.now() - started, budgetSeconds, jobs, tasks, checkIns };
}
