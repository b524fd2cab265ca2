import { getDb, type WorkerKind } from "@/lib/db";
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
  state: "active" | "stale" | "stopped";
}

/** A worker not seen for this long is shown as stale (it died, or the cron stopped ticking). */
const STALE_AFTER_MS: Record<WorkerKind, number> = { cron: 5 * 60_000, standalone: 2 * 60_000, embedded: 2 * 60_000 };

export async function listWorkers(now: Date = new Date()): Promise<WorkerView[]> {
  const db = await getDb();
  const workers = await db.worker.findMany({ orderBy: [{ stoppedAt: { sort: "desc", nulls: "first" } }, { lastSeenAt: "desc" }], take: 200 });
  const leases = await db.remediationJob.groupBy({ by: ["leaseOwner"], where: { status: "running", awaitingCallback: false }, _count: { _all: true } });
  return workers.map((worker) => {
    const runningJobs = leases.filter((lease) => lease.leaseOwner === worker.id || lease.leaseOwner?.startsWith(`${worker.id}:`)).reduce((sum, lease) => sum + lease._count._all, 0);
    const hours = Math.max((worker.lastSeenAt.getTime() - worker.startedAt.getTime()) / 3_600_000, 1 / 60);
    const state = worker.stoppedAt ? "stopped" : now.getTime() - worker.lastSeenAt.getTime() > STALE_AFTER_MS[worker.kind] ? "stale" : "active";
    return {
      id: worker.id,
      kind: worker.kind,
      host: worker.host,
      pid: worker.pid,
      version: worker.version,
      tiers: worker.tiers,
      runningJobs,
      jobsProcessed: worker.jobsProcessed,
      throughputPerHour: Math.round((worker.jobsProcessed / hours) * 10) / 10,
      startedAt: worker.startedAt.toISOString(),
      lastSeenAt: worker.lastSeenAt.toISOString(),
      stoppedAt: worker.stoppedAt?.toISOString() ?? null,
      state,
    };
  });
}
