import type { AppConfig } from "@/lib/config";
import { getSql } from "@/lib/db";

/** Rows one statement deletes at most: short statements, so pruning never holds long locks. */
const BATCH = 2000;

/** Pure: the instant before which rows are old enough to go; null keeps them forever (0 days). */
export function retentionCutoff(days: number, now: Date): Date | null {
  return days > 0 ? new Date(now.getTime() - days * 86_400_000) : null;
}

interface Target {
  name: keyof AppConfig["retentionDays"];
  /** One batch; returns the rows it deleted (0 when nothing is left). */
  prune: (cutoff: Date) => Promise<number>;
}

const TARGETS: Target[] = [
  {
    name: "webhookDeliveries",
    // Exactly-once is kept by AppliedWebhookContent, which is not pruned: a redelivery of an
    // old, pruned delivery is still recognised as applied.
    prune: async (cutoff) => (await getSql()).execute(`DELETE FROM "WebhookDelivery" WHERE "id" IN (SELECT "id" FROM "WebhookDelivery" WHERE "receivedAt" < $1 ORDER BY "receivedAt" LIMIT $2)`, [cutoff, BATCH]),
  },
  {
    name: "checkIns",
    // In-progress runs stay until they end or time out, however old.
    prune: async (cutoff) => (await getSql()).execute(`DELETE FROM "MonitorCheckIn" WHERE "id" IN (SELECT "id" FROM "MonitorCheckIn" WHERE "startedAt" < $1 AND "status" <> 'in_progress' LIMIT $2)`, [cutoff, BATCH]),
  },
  {
    name: "jobLogs",
    // By job (the finishedAt index), whole logs at a time; the job keeps its outcome and output.
    prune: async (cutoff) => {
      const [row] = await (await getSql()).query<{ jobs: number; lines: number }>(
        `WITH picked AS (SELECT "id" FROM "RemediationJob" WHERE "finishedAt" < $1 AND "logBytes" > 0 ORDER BY "finishedAt" LIMIT 100 FOR UPDATE SKIP LOCKED),
              cleared AS (UPDATE "RemediationJob" SET "logBytes" = 0 WHERE "id" IN (SELECT "id" FROM picked) RETURNING "id"),
              deleted AS (DELETE FROM "JobLogLine" WHERE "jobId" IN (SELECT "id" FROM picked) RETURNING 1)
         SELECT (SELECT count(*) FROM cleared)::int AS "jobs", (SELECT count(*) FROM deleted)::int AS "lines"`,
        [cutoff],
      );
      return Math.max(row?.lines ?? 0, row?.jobs ?? 0);
    },
  },
  {
    name: "audit",
    prune: async (cutoff) => (await getSql()).execute(`DELETE FROM "AuditLogEntry" WHERE "id" IN (SELECT "id" FROM "AuditLogEntry" WHERE "createdAt" < $1 ORDER BY "createdAt" LIMIT $2)`, [cutoff, BATCH]),
  },
  {
    name: "alerts",
    // An event's deliveries go with it (ON DELETE CASCADE).
    prune: async (cutoff) => (await getSql()).execute(`DELETE FROM "AlertEvent" WHERE "id" IN (SELECT "id" FROM "AlertEvent" WHERE "createdAt" < $1 ORDER BY "createdAt" LIMIT $2)`, [cutoff, BATCH]),
  },
  {
    name: "healthSamples",
    // Incidents (when a check was down, and why) stay; only the raw probe samples go.
    prune: async (cutoff) => (await getSql()).execute(`DELETE FROM "HealthSample" WHERE "id" IN (SELECT "id" FROM "HealthSample" WHERE "createdAt" < $1 ORDER BY "createdAt" LIMIT $2)`, [cutoff, BATCH]),
  },
  {
    name: "workers",
    // A worker's row is its heartbeat (every few seconds while it lives), so one silent since
    // the cutoff is gone, whether it recorded its stop or was killed; if it ever comes back it
    // registers anew. Jobs name their worker as text (JobAttempt.workerId, leaseOwner), not by
    // a foreign key, so their history stays whole; a worker whose lease is still on a running
    // job is kept all the same.
    prune: async (cutoff) =>
      (await getSql()).execute(
        `DELETE FROM "Worker" WHERE "id" IN (
           SELECT w."id" FROM "Worker" w WHERE w."lastSeenAt" < $1
             AND NOT EXISTS (SELECT 1 FROM "RemediationJob" j WHERE j."status" = 'running' AND (j."leaseOwner" = w."id" OR starts_with(j."leaseOwner", w."id" || ':')))
           ORDER BY w."lastSeenAt" LIMIT $2)`,
        [cutoff, BATCH],
      ),
  },
  {
    name: "tickSlots",
    // Who ran each periodic task's slot: only the newest row of a task decides anything
    // (lib/worker/slots.ts), the rest is there to read when a task misbehaved.
    prune: async (cutoff) => (await getSql()).execute(`DELETE FROM "TickSlot" WHERE ("task", "slotStart") IN (SELECT "task", "slotStart" FROM "TickSlot" WHERE "slotStart" < $1 ORDER BY "slotStart" LIMIT $2)`, [cutoff, BATCH]),
  },
];

export type RetentionResult = Partial<Record<Target["name"], number>>;

/**
 * Deletes what is older than each retention, batch after batch while the tick's budget
 * lasts; what is left goes on the next tick.
 */
export async function pruneExpired(now: Date, deadlineAt: number, retentionDays: AppConfig["retentionDays"]): Promise<RetentionResult> {
  const result: RetentionResult = {};
  for (const target of TARGETS) {
    const cutoff = retentionCutoff(retentionDays[target.name], now);
    if (!cutoff) continue;
    let total = 0;
    while (Date.now() < deadlineAt) {
      const deleted = await target.prune(cutoff);
      total += deleted;
      if (deleted === 0) break;
    }
    if (total > 0) result[target.name] = total;
  }
  return result;
}
