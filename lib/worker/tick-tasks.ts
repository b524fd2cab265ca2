import type { AppConfig } from "@/lib/config";
import * as Sentry from "@/lib/telemetry";
import { monitorsTask } from "./monitors-task";
import { healthCheckTask } from "./health-check-task";
import { remediationLoopTask } from "./loop-task";
import { sentryPollTask } from "./sentry-poll-task";
import { jobRollupTask } from "./job-rollup-task";
import { loopMetricsTask } from "./loop-metrics-task";
import { alertsTask } from "./alerts-task";
import { retentionTask } from "./retention-task";

/**
 * The tick's one extension point: each registered task runs on every tick, after jobs, within
 * what is left of the budget. Sentry polling, cron check-ins and health checks plug in here.
 * A failing task is reported and does not stop the others or the jobs.
 */
export interface TickTask {
  name: string;
  run(context: { deadlineAt: number; now: Date; config: AppConfig }): Promise<unknown>;
}

const tasks: TickTask[] = ((globalThis as { __opsTickTasks?: TickTask[] }).__opsTickTasks ??= [sentryPollTask, remediationLoopTask, monitorsTask, healthCheckTask, alertsTask, jobRollupTask, loopMetricsTask, retentionTask]);

export function registerTickTask(task: TickTask): () => void {
  const existing = tasks.findIndex((candidate) => candidate.name === task.name);
  if (existing >= 0) tasks.splice(existing, 1);
  tasks.push(task);
  return () => {
    const index = tasks.indexOf(task);
    if (index >= 0) tasks.splice(index, 1);
  };
}

export type TickTaskResults = Record<string, { ok: true; result: unknown } | { ok: false; error: string }>;

/** Runs every tick task in turn (cron tick, and standalone workers once a minute). */
export async function runTickTasks(context: { deadlineAt: number; now: Date; config: AppConfig }): Promise<TickTaskResults> {
  const results: TickTaskResults = {};
  for (const task of [...tasks]) {
    if (Date.now() >= context.deadlineAt) {
      results[task.name] = { ok: false, error: "Skipped: the tick's budget was used up." };
      continue;
    }
    try {
      results[task.name] = { ok: true, result: await task.run(context) };
    } catch (error) {
      Sentry.captureException(error, { tags: { tickTask: task.name } });
      results[task.name] = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return results;
}

/** A pass whose task failed checks in as `error`: that is what the tier monitors watch. */
export function tickTasksFailed(results: TickTaskResults): boolean {
  return Object.values(results).some((result) => !result.ok);
}
