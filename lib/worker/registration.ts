import { hostname } from "node:os";
import { getSql, type WorkerKind } from "@/lib/db";
import type { Tier } from "@/lib/jobs";
import { appVersion } from "./settings";

export interface WorkerIdentity {
  id: string;
  kind: WorkerKind;
  tiers: Tier[];
}

/** Creates or refreshes the worker's row (kind, host, version, last seen). */
export async function registerWorker(identity: WorkerIdentity, now: Date): Promise<void> {
  const sql = await getSql();
  await sql.query(
    `INSERT INTO "Worker" ("id", "kind", "host", "pid", "version", "tiers", "currentJobs", "jobsProcessed", "startedAt", "lastSeenAt", "stoppedAt")
     VALUES ($1, $2::"WorkerKind", $3, $4, $5, $6::"Tier"[], 0, 0, $7, $7, NULL)
     ON CONFLICT ("id") DO UPDATE SET "host" = EXCLUDED."host", "pid" = EXCLUDED."pid", "version" = EXCLUDED."version", "tiers" = EXCLUDED."tiers",
       "lastSeenAt" = EXCLUDED."lastSeenAt", "stoppedAt" = NULL`,
    [identity.id, identity.kind, hostname(), process.pid, appVersion(), identity.tiers, now],
  );
}

/** Heartbeat of the worker itself: when it was last alive, what it runs, what it has done. */
export async function touchWorker(id: string, now: Date, currentJobs: number, processedSinceLastTouch: number): Promise<void> {
  const sql = await getSql();
  await sql.query(`UPDATE "Worker" SET "lastSeenAt" = $2, "currentJobs" = $3, "jobsProcessed" = "jobsProcessed" + $4 WHERE "id" = $1`, [id, now, currentJobs, processedSinceLastTouch]);
}

export async function markWorkerStopped(id: string, now: Date, processedSinceLastTouch: number): Promise<void> {
  const sql = await getSql();
  await sql.query(`UPDATE "Worker" SET "stoppedAt" = $2, "lastSeenAt" = $2, "currentJobs" = 0, "jobsProcessed" = "jobsProcessed" + $3 WHERE "id" = $1`, [id, now, processedSinceLastTouch]);
}
