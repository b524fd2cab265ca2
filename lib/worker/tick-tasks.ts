import type { AppConfig } from "@/lib/config";
import type { Clock } from "@/lib/jobs";
import * as Sentry from "@/lib/telemetry";
import type { TickSchedule, TickTask, TickTaskContext } from "./tick-task";
import { claimSlot, finishSlot, renewSlotLease } from "./slot-store";
import { monitorsTask } from "./monitors-task";
import { healthCheckTask } from "./health-check-task";
import { remediationLoopTask } from "./loop-task";
import { sentryPollTask } from "./sentry-poll-task";
import { jobRollupTask } from "./job-rollup-task";
import { loopSnapshotTasks } from "./loop-metrics-task";
import { alertsTask } from "./alerts-task";
import { outboxWatchTask } from "./outbox-watch-task";
import { retentionTask } from "./retention-task";

const tasks: TickTask[] = ((globalThis as { __opsTickTasks?: TickTask[] }).__opsTickTasks ??= [
  sentryPollTask,
  remediationLoopTask,
  monitorsTask,
  healthCheckTask,
  alertsTask,
  outboxWatchTask,
  jobRollupTask,
  ...loopSnapshotTasks,
  retentionTask,
]);

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

export interface TickPass {
  /** Epoch ms by which the pass should be done. */
  deadlineAt: number;
  /** Each task is given `now` from it as it starts; slots are decided at that same instant. */
  clock: Clock;
  config: AppConfig;
  /** The worker running the pass: recorded on the slots it takes, named to the passes it beats. */
  runner: string;
}

/**
 * Runs every tick task in turn (the cron tick, and standalone and in-process workers every
 * WORKER_CHECKIN_INTERVAL_MINUTES). A slotted task whose slot another runner took is skipped
 * with `{ skipped: "slot taken by <runner>" }`, which is not a failure.
 */
export async function runTickTasks(pass: TickPass): Promise<TickTaskResults> {
  const results: TickTaskResults = {};
  for (const task of [...tasks]) {
    if (Date.now() >= pass.deadlineAt) {
      results[task.name] = { ok: false, error: "Skipped: the tick's budget was used up." };
      continue;
    }
    const context: TickTaskContext = { deadlineAt: pass.deadlineAt, now: pass.clock.now(), config: pass.config };
    try {
      results[task.name] = { ok: true, result: task.schedule.kind === "every-pass" ? await task.run(context) : await runInSlot(task, task.schedule, context, pass) };
    } catch (error) {
      Sentry.captureException(error, { tags: { tickTask: task.name } });
      results[task.name] = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return results;
}

/**
 * Runs a slotted task if this pass gets its slot (the slot of the task's `now`). While it
 * runs, the slot's lease is renewed every third of JOBS_LEASE_SECONDS — the same "silent this
 * long means dead" as a job's lease — so a long run keeps its slot and a crashed runner's slot
 * is taken over soon after. The outcome is recorded; a failed slot is not retried by other
 * passes of the same slot (N workers would each retry a failing poll), the next slot runs
 * again. Throws what the task threw.
 */
async function runInSlot(task: TickTask, schedule: Extract<TickSchedule, { kind: "once-per-slot" }>, context: TickTaskContext, pass: TickPass): Promise<unknown> {
  const slotMs = pass.config.tickTaskSlotSeconds ? pass.config.tickTaskSlotSeconds * 1000 : schedule.slotMs(pass.config);
  const leaseMs = pass.config.jobs.leaseSeconds * 1000;
  const claim = await claimSlot(task.name, slotMs, pass.runner, context.now, leaseMs);
  if ("skipped" in claim) return { skipped: claim.skipped, slot: claim.slotStart.toISOString() };
  const renewal = setInterval(() => void renewSlotLease(claim.claimed, pass.clock.now(), leaseMs).catch(() => {}), Math.max(100, leaseMs / 3));
  renewal.unref?.();
  let error: string | null = null;
  try {
    return await task.run(context);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
    throw thrown;
  } finally {
    clearInterval(renewal);
    await finishSlot(claim.claimed, pass.clock.now(), error).catch((failure: unknown) => Sentry.captureException(failure, { tags: { tickTask: task.name, stage: "finish-slot" } }));
  }
}

/** A pass whose task failed checks in as `error`: that is what the tier monitors watch. */
export function tickTasksFailed(results: TickTaskResults): boolean {
  return Object.values(results).some((result) => !result.ok);
}
