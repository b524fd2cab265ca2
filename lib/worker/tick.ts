import { randomBytes } from "node:crypto";
import * as Sentry from "@/lib/telemetry";
import { getConfig, type AppConfig } from "@/lib/config";
import { systemClock, type Clock, type ScriptRegistry } from "@/lib/jobs";
import type { SentryClient } from "@/lib/sentry";
import { JobWorker, type DrainSummary } from "./job-worker";
import { queueSettingsFrom } from "./settings";

/**
 * The tick's one extension point: each registered task runs on every tick, after jobs, within
 * what is left of the budget. Sentry polling, cron check-ins and health checks plug in here.
 * A failing task is reported and does not stop the others or the jobs.
 */
export interface TickTask {
  name: string;
  run(context: { deadlineAt: number; now: Date; config: AppConfig }): Promise<unknown>;
}

const tasks: TickTask[] = ((globalThis as { __opsTickTasks?: TickTask[] }).__opsTickTasks ??= []);

export function registerTickTask(task: TickTask): () => void {
  const existing = tasks.findIndex((candidate) => candidate.name === task.name);
  if (existing >= 0) tasks.splice(existing, 1);
  tasks.push(task);
  return () => {
    const index = tasks.indexOf(task);
    if (index >= 0) tasks.splice(index, 1);
  };
}

export interface TickSummary {
  tickId: string;
  startedAt: string;
  durationMs: number;
  budgetSeconds: number;
  jobs: DrainSummary;
  tasks: Record<string, { ok: true; result: unknown } | { ok: false; error: string }>;
}

/**
 * One pass of the Vercel cron tick (or an admin's "Run tick now"): reap expired leases, claim
 * and run jobs until the queue is empty or the budget is used, then run the tick tasks.
 * The budget stays under the function's maxDuration; a job still running at its end is
 * stopped and counts as timed out (long work belongs in a GitHub workflow).
 */
export async function runCronTick(options: { config?: AppConfig; clock?: Clock; scripts?: ScriptRegistry; sentry?: SentryClient; budgetSeconds?: number } = {}): Promise<TickSummary> {
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
  const jobs = await worker.drain(deadlineAt);
  const results: TickSummary["tasks"] = {};
  for (const task of [...tasks]) {
    try {
      results[task.name] = { ok: true, result: await task.run({ deadlineAt, now: clock.now(), config }) };
    } catch (error) {
      Sentry.captureException(error, { tags: { tickTask: task.name } });
      results[task.name] = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { tickId: randomBytes(6).toString("hex"), startedAt: startedAt.toISOString(), durationMs: Date.now() - started, budgetSeconds, jobs, tasks: results };
}
