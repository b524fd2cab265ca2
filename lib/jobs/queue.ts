import { randomBytes } from "node:crypto";
import { getSql, type RemediationJob, type SqlTx } from "@/lib/db";
import { planClaim, type ClaimCandidate, type ConcurrencyLimits, type RunningCounts } from "./claim-plan";
import { fitLogLines, type JobLogInput } from "./log-cap";
import { systemClock, type Clock, type Tier } from "./model";
import { decideRetryAfterFailure, DEFAULT_BACKOFF, type BackoffPolicy } from "@/lib/retry";
import { statusesAllowing } from "./transitions";

/**
 * The queue's hot path, in plain SQL (lib/db/sql.ts). Correctness rests on three things:
 * claims take rows with FOR UPDATE SKIP LOCKED (two workers never get the same job); every
 * write by a worker is fenced by its lease (`leaseOwner` and the attempt number), so a worker
 * that lost its lease cannot change the job; and expired leases are reaped, so a dead
 * worker's jobs run again.
 */

// Serialises claimers while a concurrency limit applies: counting running jobs and claiming
// more must be atomic across workers, or two could each see one free slot and both take it.
const CLAIM_LOCK_KEY = 7_262_001;

/** CTEs marking the jobs in `ids` running for a worker under a lease, and opening their attempt rows. */
function claimCtes(p: { ids: string; worker: string; lease: string; now: string }): string {
  return `claimed AS (
         UPDATE "RemediationJob" SET "status" = 'running', "attempts" = "attempts" + 1, "leaseOwner" = ${p.worker}, "leaseExpiresAt" = ${p.lease},
           "lastHeartbeatAt" = ${p.now}, "startedAt" = COALESCE("startedAt", ${p.now}), "awaitingCallback" = false, "cancelRequestedAt" = NULL, "updatedAt" = ${p.now}
         WHERE "id" IN (${p.ids}) AND "status" = 'queued'
         RETURNING *
       ), opened AS (
         INSERT INTO "JobAttempt" ("id", "jobId", "attempt", "workerId", "status", "startedAt")
         SELECT gen_random_uuid()::text, "id", "attempts", ${p.worker}, 'running', ${p.now} FROM claimed
       )`;
}

export interface QueueSettings {
  limits: ConcurrencyLimits;
  leaseSeconds: number;
  logMaxBytes: number;
  backoff?: BackoffPolicy;
  clock?: Clock;
  random?: () => number;
}

export interface ClaimRequest {
  workerId: string;
  capacity: number;
  tiers: Tier[];
}

function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

function limitsApply(limits: ConcurrencyLimits, tiers: Tier[]): boolean {
  return limits.maxRunningPerNamespace > 0 || tiers.some((tier) => limits.maxRunning[tier] > 0);
}

async function runningCounts(tx: SqlTx): Promise<RunningCounts> {
  const rows = await tx.query<{ tier: Tier; namespace: string; n: number }>(
    `SELECT "tier", "namespace", count(*)::int AS "n" FROM "RemediationJob" WHERE "status" = 'running' GROUP BY "tier", "namespace"`,
  );
  const counts: RunningCounts = { byTier: {}, byNamespace: {} };
  for (const row of rows) {
    counts.byTier[row.tier] = (counts.byTier[row.tier] ?? 0) + row.n;
    counts.byNamespace[row.namespace] = (counts.byNamespace[row.namespace] ?? 0) + row.n;
  }
  return counts;
}

/**
 * Claims up to `capacity` runnable jobs for a worker, highest class first, within the
 * per-tier and per-namespace limits. Each claimed job is running, its attempt counted, its
 * lease held by the worker, and an attempt row opened.
 */
export async function claimJobs(request: ClaimRequest, settings: QueueSettings): Promise<RemediationJob[]> {
  if (request.capacity <= 0 || request.tiers.length === 0) return [];
  const now = (settings.clock ?? systemClock).now();
  const sql = await getSql();
  const lease = addSeconds(now, settings.leaseSeconds);
  if (!limitsApply(settings.limits, request.tiers)) {
    // No limit to count against: one statement, no transaction round trips. SKIP LOCKED alone
    // keeps two workers off the same job.
    return sql.query<RemediationJob>(
      `WITH picked AS (
         SELECT "id" FROM "RemediationJob"
         WHERE "status" = 'queued' AND "runAfter" <= $1 AND "tier" = ANY($2::"Tier"[])
         ORDER BY "priorityClass", "runAfter", "createdAt"
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       ), ${claimCtes({ ids: `SELECT "id" FROM picked`, worker: "$4", lease: "$5::timestamptz", now: "$1::timestamptz" })}
       SELECT * FROM claimed ORDER BY "priorityClass", "runAfter", "createdAt"`,
      [now, request.tiers, request.capacity, request.workerId, lease],
    );
  }
  return sql.transaction(async (tx) => {
    let tiers = request.tiers;
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [CLAIM_LOCK_KEY]);
    const counts = await runningCounts(tx);
    tiers = tiers.filter((tier) => !(settings.limits.maxRunning[tier] > 0 && (counts.byTier[tier] ?? 0) >= settings.limits.maxRunning[tier]));
    const fullNamespaces =
      settings.limits.maxRunningPerNamespace > 0
        ? Object.entries(counts.byNamespace)
            .filter(([, n]) => n >= settings.limits.maxRunningPerNamespace)
            .map(([namespace]) => namespace)
        : [];
    if (tiers.length === 0) return [];
    // Look a little past the capacity, so jobs held back by a full namespace do not hide
    // runnable ones behind them.
    const candidates = await tx.query<ClaimCandidate>(
      `SELECT "id", "tier", "namespace", "priorityClass", "runAfter", "createdAt" FROM "RemediationJob"
       WHERE "status" = 'queued' AND "runAfter" <= $1 AND "tier" = ANY($2::"Tier"[]) AND NOT ("namespace" = ANY($3::text[]))
       ORDER BY "priorityClass", "runAfter", "createdAt"
       LIMIT $4
       FOR UPDATE SKIP LOCKED`,
      [now, tiers, fullNamespaces, Math.max(request.capacity * 4, 20)],
    );
    if (candidates.length === 0) return [];
    const chosen = planClaim(candidates, counts, settings.limits, request.capacity);
    if (chosen.length === 0) return [];
    return tx.query<RemediationJob>(`WITH ${claimCtes({ ids: "SELECT unnest($1::text[])", worker: "$2", lease: "$3::timestamptz", now: "$4::timestamptz" })} SELECT * FROM claimed ORDER BY "priorityClass", "runAfter", "createdAt"`, [
      chosen.map((job) => job.id),
      request.workerId,
      lease,
      now,
    ]);
  });
}

export interface HeartbeatResult {
  /** Jobs whose lease this worker no longer holds: stop them at once. */
  lost: string[];
  /** Jobs an operator asked to cancel: abort them. */
  cancelRequested: string[];
}

/** Extends the leases of the worker's running jobs; reports the ones it lost and cancel requests. */
export async function renewLeases(workerId: string, jobIds: string[], settings: QueueSettings): Promise<HeartbeatResult> {
  if (jobIds.length === 0) return { lost: [], cancelRequested: [] };
  const now = (settings.clock ?? systemClock).now();
  const sql = await getSql();
  const rows = await sql.query<{ id: string; cancelRequestedAt: Date | null }>(
    `UPDATE "RemediationJob" SET "leaseExpiresAt" = $3, "lastHeartbeatAt" = $4
     WHERE "id" = ANY($1::text[]) AND "leaseOwner" = $2 AND "status" = 'running' AND "awaitingCallback" = false
     RETURNING "id", "cancelRequestedAt"`,
    [jobIds, workerId, addSeconds(now, settings.leaseSeconds), now],
  );
  const held = new Set(rows.map((row) => row.id));
  return { lost: jobIds.filter((id) => !held.has(id)), cancelRequested: rows.filter((row) => row.cancelRequestedAt).map((row) => row.id) };
}

/** How a worker's run of a job ended. */
export type RunEnd =
  | { kind: "succeeded"; output?: unknown }
  | { kind: "await_callback"; output?: unknown; deadline: Date }
  | { kind: "failed"; error: string; retryable: boolean }
  | { kind: "timed_out"; error: string }
  | { kind: "cancelled"; error: string }
  /** Given back unfinished (the worker is stopping): runs again, the attempt refunded. */
  | { kind: "released" };

const MAX_OUTPUT_BYTES = 64 * 1024;

/** Pure: output as stored, cut to a size the job page can show. */
export function boundedOutput(output: unknown): string | null {
  if (output === undefined) return null;
  const text = JSON.stringify(output);
  if (text === undefined) return null;
  if (Buffer.byteLength(text) <= MAX_OUTPUT_BYTES) return text;
  return JSON.stringify({ truncated: true, preview: text.slice(0, MAX_OUTPUT_BYTES / 2) });
}

/** Pure: the job's next status and retry time for a run's end. */
export function planRunEnd(end: RunEnd, attempt: number, maxAttempts: number, now: Date, random: number, backoff: BackoffPolicy = DEFAULT_BACKOFF) {
  switch (end.kind) {
    case "succeeded":
      return { status: "succeeded" as const, runAfter: null, refund: false };
    case "await_callback":
      return { status: "running" as const, runAfter: null, refund: false };
    case "cancelled":
      return { status: "cancelled" as const, runAfter: null, refund: false };
    case "released":
      return { status: "queued" as const, runAfter: now, refund: true };
    case "failed":
    case "timed_out": {
      const retry = end.kind === "failed" && !end.retryable ? ({ retry: false } as const) : decideRetryAfterFailure(attempt, maxAttempts, random, backoff);
      if (retry.retry) return { status: "queued" as const, runAfter: addSeconds(now, retry.delaySeconds), refund: false };
      return { status: end.kind === "failed" ? ("failed" as const) : ("timed_out" as const), runAfter: null, refund: false };
    }
  }
}

/**
 * Records the end of a run. Fenced: only the lease holder, for the attempt it claimed, can
 * write; a worker that lost its lease gets null back and the job is left to its new owner.
 */
export async function finishRun(
  job: Pick<RemediationJob, "id" | "attempts" | "maxAttempts">,
  workerId: string,
  end: RunEnd,
  settings: QueueSettings,
  /** The run's last log lines, already within the cap, and the job's log bytes with them: written in the same statement. */
  logs: { lines: JobLogInput[]; bytes: number } = { lines: [], bytes: -1 },
): Promise<RemediationJob | null> {
  const now = (settings.clock ?? systemClock).now();
  const plan = planRunEnd(end, job.attempts, job.maxAttempts, now, (settings.random ?? Math.random)(), settings.backoff);
  const error = "error" in end ? end.error.slice(0, 5000) : null;
  const output = "output" in end ? boundedOutput(end.output) : null;
  const terminal = plan.status !== "queued" && plan.status !== "running";
  const attemptStatus = end.kind === "released" ? "cancelled" : end.kind === "await_callback" ? "running" : end.kind === "succeeded" ? "succeeded" : end.kind;
  const sql = await getSql();
  const [row] = await sql.query<RemediationJob>(
    `WITH finished AS (
       UPDATE "RemediationJob" SET
         "status" = $4::"JobStatus",
         "error" = $5::text,
         "output" = COALESCE($6::jsonb, "output"),
         "runAfter" = COALESCE($7::timestamptz, "runAfter"),
         "attempts" = "attempts" - $8::int,
         "leaseOwner" = CASE WHEN $9::boolean THEN 'callback' ELSE NULL END,
         "leaseExpiresAt" = $10::timestamptz,
         "awaitingCallback" = $9::boolean,
         "finishedAt" = CASE WHEN $11::boolean THEN $12::timestamptz ELSE NULL END,
         "updatedAt" = $12::timestamptz,
         "logBytes" = CASE WHEN $14::int >= 0 THEN $14::int ELSE "logBytes" END
       WHERE "id" = $1 AND "leaseOwner" = $2 AND "attempts" = $3 AND "status" = 'running'
       RETURNING *
     ), logged AS (
       INSERT INTO "JobLogLine" ("jobId", "level", "message", "data", "createdAt")
       SELECT $1, line.level, line.message, line.data, $12::timestamptz
       FROM unnest($15::text[], $16::text[], $17::jsonb[]) AS line(level, message, data)
       WHERE EXISTS (SELECT 1 FROM finished)
     ), attempt AS (
       UPDATE "JobAttempt" SET "status" = $13::"JobStatus", "error" = $5::text, "finishedAt" = CASE WHEN $9::boolean THEN NULL ELSE $12::timestamptz END
       WHERE "jobId" = $1 AND "attempt" = $3 AND EXISTS (SELECT 1 FROM finished)
     )
     SELECT * FROM finished`,
    [
      job.id,
      workerId,
      job.attempts,
      plan.status,
      error,
      output,
      plan.runAfter,
      plan.refund ? 1 : 0,
      end.kind === "await_callback",
      end.kind === "await_callback" ? end.deadline : null,
      terminal,
      now,
      attemptStatus,
      logs.bytes,
      logs.lines.map((line) => line.level),
      logs.lines.map((line) => line.message),
      logs.lines.map((line) => (line.data === undefined ? null : JSON.stringify(line.data))),
    ],
  );
  return row ?? null;
}

export interface ReapedJob {
  id: string;
  status: "queued" | "timed_out";
  issueId: string | null;
}

/**
 * Jobs whose lease ran out — their worker died, or a workflow never called back — run again
 * after a backoff while attempts remain, and are timed out when they are spent.
 */
export async function reapExpiredLeases(settings: QueueSettings, batch = 200): Promise<ReapedJob[]> {
  const now = (settings.clock ?? systemClock).now();
  const random = settings.random ?? Math.random;
  const sql = await getSql();
  return sql.transaction(async (tx) => {
    const expired = await tx.query<{ id: string; attempts: number; maxAttempts: number; awaitingCallback: boolean; issueId: string | null }>(
      `SELECT "id", "attempts", "maxAttempts", "awaitingCallback", "issueId" FROM "RemediationJob"
       WHERE "status" = 'running' AND "leaseExpiresAt" < $1
       ORDER BY "leaseExpiresAt" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, batch],
    );
    const reaped: ReapedJob[] = [];
    for (const job of expired) {
      const retry = decideRetryAfterFailure(job.attempts, job.maxAttempts, random(), settings.backoff);
      const error = job.awaitingCallback
        ? "No callback arrived before the job's timeout."
        : "The worker stopped renewing its lease (it crashed, was killed or lost the database).";
      const status = retry.retry ? "queued" : "timed_out";
      tx.defer(
        `UPDATE "RemediationJob" SET "status" = $2::"JobStatus", "error" = $3, "runAfter" = COALESCE($4, "runAfter"), "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
           "awaitingCallback" = false, "callbackTokenHash" = NULL, "finishedAt" = $5, "updatedAt" = $6
         WHERE "id" = $1`,
        [job.id, status, error, retry.retry ? addSeconds(now, retry.delaySeconds) : null, retry.retry ? null : now, now],
      );
      tx.defer(`UPDATE "JobAttempt" SET "status" = 'timed_out', "error" = $3, "finishedAt" = $4 WHERE "jobId" = $1 AND "attempt" = $2 AND "finishedAt" IS NULL`, [
        job.id,
        job.attempts,
        error,
        now,
      ]);
      reaped.push({ id: job.id, status, issueId: job.issueId });
    }
    return reaped;
  });
}

/**
 * Appends log lines within the job's byte cap (JOBS_LOG_MAX_BYTES), for writers that do not
 * track the count themselves (callbacks). Only the job's current writer appends, so reading
 * the count first does not race.
 */
export async function appendJobLogs(jobId: string, lines: JobLogInput[], settings: Pick<QueueSettings, "logMaxBytes" | "clock">): Promise<number> {
  if (lines.length === 0) return 0;
  const sql = await getSql();
  const [job] = await sql.query<{ logBytes: number }>(`SELECT "logBytes" FROM "RemediationJob" WHERE "id" = $1`, [jobId]);
  if (!job) return 0;
  const { keep, bytes } = fitLogLines(lines, job.logBytes, settings.logMaxBytes);
  await writeJobLogLines(jobId, keep, bytes, settings);
  return keep.length;
}

/** Writes lines already fitted to the cap, and the job's byte count with them, in one statement. */
export async function writeJobLogLines(jobId: string, keep: JobLogInput[], bytes: number, settings: Pick<QueueSettings, "clock">): Promise<void> {
  if (keep.length === 0) return;
  const sql = await getSql();
  const now = (settings.clock ?? systemClock).now();
  await sql.query(
    `WITH counted AS (UPDATE "RemediationJob" SET "logBytes" = $2 WHERE "id" = $1)
     INSERT INTO "JobLogLine" ("jobId", "level", "message", "data", "createdAt")
     SELECT $1, level, message, data, $6 FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS line(level, message, data)`,
    [jobId, bytes, keep.map((line) => line.level), keep.map((line) => line.message), keep.map((line) => (line.data === undefined ? null : JSON.stringify(line.data))), now],
  );
}

/** A one-time secret for an outside runner's callback; only its SHA-256 is stored. */
export function newCallbackToken(): string {
  return `cb_${randomBytes(24).toString("base64url")}`;
}

export const CANCELLABLE_AT_ONCE = statusesAllowing("cancel");
