import { getDb } from "@/lib/db";
import { groupWorkerList, workerState, type WorkerListEntry, type WorkerView } from "./worker-list";

/** The workers, live ones first, then by when they were last seen; `limit: null` reads them all. */
export async function listWorkers(now: Date = new Date(), { limit = 200 }: { limit?: number | null } = {}): Promise<WorkerView[]> {
  const db = await getDb();
  const workers = await db.worker.findMany({ orderBy: [{ stoppedAt: { sort: "desc", nulls: "first" } }, { lastSeenAt: "desc" }], take: limit ?? undefined });
  const leases = await db.remediationJob.groupBy({ by: ["leaseOwner"], where: { status: "running", awaitingCallback: false }, _count: { _all: true } });
  return workers.map((worker) => {
    const runningJobs = leases.filter((lease) => lease.leaseOwner === worker.id || lease.leaseOwner?.startsWith(`${worker.id}:`)).reduce((sum, lease) => sum + lease._count._all, 0);
    const hours = Math.max((worker.lastSeenAt.getTime() - worker.startedAt.getTime()) / 3_600_000, 1 / 60);
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
      state: workerState(worker, now),
    };
  });
}

/**
 * The Workers page's list, with workers gone for more than a day folded into one line per kind.
 * Reads every row so the folded counts are whole: RETENTION_WORKERS_DAYS bounds the table.
 */
export async function listWorkerEntries(now: Date = new Date()): Promise<WorkerListEntry[]> {
  return groupWorkerList(await listWorkers(now, { limit: null }), now);
}
