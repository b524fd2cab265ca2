import type { WorkerKind } from "@/lib/db";
import type { Tier } from "@/lib/jobs";

export interface WorkerView {
  id: string;
  kind: WorkerKind;
  host: string;
  pid: number | null;
  version: string;
  tiers: Tier[];
  /** Jobs it holds leases on now (from the jobs table, not its own report). */
  runningJobs: number;
  jobsProcessed: number;
  /** Jobs finished per hour over its lifetime. */
  throughputPerHour: number;
  startedAt: string;
  lastSeenAt: string;
  stoppedAt: string | null;
  state: WorkerState;
}

export type WorkerState = "active" | "stale" | "stopped";

/** A worker not seen for this long is shown as stale (it died, or the cron stopped ticking). */
const STALE_AFTER_MS: Record<WorkerKind, number> = { cron: 5 * 60_000, standalone: 2 * 60_000, embedded: 2 * 60_000 };

export function workerState(worker: { kind: WorkerKind; lastSeenAt: Date; stoppedAt: Date | null }, now: Date): WorkerState {
  if (worker.stoppedAt) return "stopped";
  return now.getTime() - worker.lastSeenAt.getTime() > STALE_AFTER_MS[worker.kind] ? "stale" : "active";
}

/**
 * Workers silent for longer than this fold into one line per kind. Every `npm run dev` restart
 * and every `npm run worker` leaves a row behind; a day keeps last night's restarts visible.
 */
export const FOLD_GONE_WORKERS_AFTER_MS = 86_400_000;

/** Workers of one kind that have been gone for more than a day, summed into one line. */
export interface GoneWorkers {
  kind: WorkerKind;
  count: number;
  /** Of them, those that never recorded a stop: killed, or a cron that stopped ticking. */
  withoutStop: number;
  jobsProcessed: number;
  /** The most recent sign of life among them. */
  lastSeenAt: string;
}

export type WorkerListEntry = { type: "worker"; worker: WorkerView } | { type: "gone"; gone: GoneWorkers };

/**
 * The Workers page's rows: live workers and those gone for less than a day keep their own row
 * (in the given order); the rest become one line per kind, the most recently seen first. Both
 * stopped and stale workers fold: a process killed without a word is as gone as one that said so.
 */
export function groupWorkerList(workers: WorkerView[], now: Date): WorkerListEntry[] {
  const foldBefore = now.getTime() - FOLD_GONE_WORKERS_AFTER_MS;
  const rows: WorkerListEntry[] = [];
  const gone = new Map<WorkerKind, GoneWorkers>();
  for (const worker of workers) {
    if (worker.state === "active" || Date.parse(worker.lastSeenAt) >= foldBefore) {
      rows.push({ type: "worker", worker });
      continue;
    }
    const line = gone.get(worker.kind) ?? { kind: worker.kind, count: 0, withoutStop: 0, jobsProcessed: 0, lastSeenAt: worker.lastSeenAt };
    line.count += 1;
    if (!worker.stoppedAt) line.withoutStop += 1;
    line.jobsProcessed += worker.jobsProcessed;
    if (Date.parse(worker.lastSeenAt) > Date.parse(line.lastSeenAt)) line.lastSeenAt = worker.lastSeenAt;
    gone.set(worker.kind, line);
  }
  const lines = [...gone.values()].sort((a, b) => Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt));
  return [...rows, ...lines.map((line) => ({ type: "gone" as const, gone: line }))];
}
