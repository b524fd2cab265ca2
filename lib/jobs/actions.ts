import { createHash, timingSafeEqual } from "node:crypto";
import { auditStatement } from "@/lib/audit";
import type { Actor, Role } from "@/lib/auth";
import { getSql, renumberParams, type RemediationJob, type Statement } from "@/lib/db";
import { Conflict, NotFound, Unauthenticated } from "@/lib/errors";
import { appendJobLogs, finishRun, planRunEnd, boundedOutput, type QueueSettings } from "./queue";
import type { JobCallbackInput } from "./inputs";
import { isTerminal, STATUS_LABELS, systemClock, type Clock } from "./model";
import { announceJobsLocally, JOBS_CHANNEL } from "./notify";
import { recordJobOutcome } from "./outcome";
import { submitJob, type SubmitDeps } from "./submit";
import { statusesAllowing } from "./transitions";

async function loadJob(id: string): Promise<RemediationJob> {
  const sql = await getSql();
  const [job] = await sql.query<RemediationJob>(`SELECT * FROM "RemediationJob" WHERE "id" = $1`, [id]);
  if (!job) throw new NotFound("Job");
  return job;
}

function describeStatus(job: RemediationJob): string {
  return STATUS_LABELS[job.status].toLowerCase();
}

/**
 * One guarded UPDATE and its audit entry in one statement; the entry is written only if the
 * guard held. Null when it did not (the job changed in between).
 */
async function guardedUpdate(update: string, params: unknown[], audit: Statement): Promise<RemediationJob | null> {
  const sql = await getSql();
  const [row] = await sql.query<RemediationJob>(
    `WITH changed AS (${update} RETURNING *),
     audited AS (${renumberParams(audit.text, params.length)} WHERE EXISTS (SELECT 1 FROM changed))
     SELECT * FROM changed`,
    [...params, ...audit.params],
  );
  return row ?? null;
}

export interface CancelResult {
  job: RemediationJob;
  /** A running job was asked to stop; its worker ends it within a heartbeat. */
  stopRequested: boolean;
}

/** Queued or awaiting approval: cancelled at once. Running: the worker is asked to stop (cooperative). */
export async function cancelJob(id: string, actor: Actor, clock: Clock = systemClock): Promise<CancelResult> {
  const job = await loadJob(id);
  const now = clock.now();
  if (isTerminal(job.status)) throw new Conflict(`This job already ${describeStatus(job)}; there is nothing to cancel.`);
  const audit = auditStatement({ actor, action: "job.cancelled", target: { type: "job", id }, summary: `${job.script} (${job.tier}) cancelled while ${describeStatus(job)}`, before: { status: job.status } }, now);
  if (job.status === "running" && !job.awaitingCallback) {
    const updated = await guardedUpdate(`UPDATE "RemediationJob" SET "cancelRequestedAt" = $2, "updatedAt" = $2 WHERE "id" = $1 AND "status" = 'running'`, [id, now], audit);
    if (!updated) return cancelJob(id, actor, clock);
    return { job: updated, stopRequested: true };
  }
  // Waiting jobs, and jobs handed to an outside runner (nothing here to stop; a late callback is refused).
  const updated = await guardedUpdate(
    `UPDATE "RemediationJob" SET "status" = 'cancelled', "error" = $3, "finishedAt" = $2, "updatedAt" = $2, "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
       "awaitingCallback" = false, "callbackTokenHash" = NULL
     WHERE "id" = $1 AND ("status" = ANY($4::"JobStatus"[]) OR ("status" = 'running' AND "awaitingCallback"))`,
    [id, now, `Cancelled by ${actor.label}.`, statusesAllowing("cancel")],
    audit,
  );
  if (!updated) return cancelJob(id, actor, clock);
  await recordJobOutcome(updated);
  return { job: updated, stopRequested: false };
}

export async function approveJob(id: string, actor: Actor, clock: Clock = systemClock): Promise<RemediationJob> {
  const job = await loadJob(id);
  const now = clock.now();
  if (job.status !== "awaiting_approval") throw new Conflict(`Only a job awaiting approval can be approved; this one is ${describeStatus(job)}.`);
  const updated = await guardedUpdate(
    `UPDATE "RemediationJob" SET "status" = 'queued', "approvedById" = $3, "approvedAt" = $2, "runAfter" = $2, "updatedAt" = $2 WHERE "id" = $1 AND "status" = 'awaiting_approval'`,
    [id, now, actor.id ?? actor.label],
    auditStatement({ actor, action: "job.approved", target: { type: "job", id }, summary: `${job.script} on ${job.tier}/${job.namespace} approved` }, now),
  );
  if (!updated) throw new Conflict("The job changed while you approved it; reload and try again.");
  const sql = await getSql();
  await sql.query(`SELECT pg_notify('${JOBS_CHANNEL}', $1)`, [updated.tier]);
  announceJobsLocally(updated.tier);
  return updated;
}

export async function rejectJob(id: string, actor: Actor, reason: string | undefined, clock: Clock = systemClock): Promise<RemediationJob> {
  const job = await loadJob(id);
  const now = clock.now();
  if (job.status !== "awaiting_approval") throw new Conflict(`Only a job awaiting approval can be rejected; this one is ${describeStatus(job)}.`);
  const updated = await guardedUpdate(
    `UPDATE "RemediationJob" SET "status" = 'cancelled', "error" = $3, "finishedAt" = $2, "updatedAt" = $2 WHERE "id" = $1 AND "status" = 'awaiting_approval'`,
    [id, now, `Rejected by ${actor.label}${reason ? `: ${reason}` : "."}`],
    auditStatement({ actor, action: "job.rejected", target: { type: "job", id }, summary: `${job.script} on ${job.tier}/${job.namespace} rejected${reason ? `: ${reason}` : ""}` }, now),
  );
  if (!updated) throw new Conflict("The job changed while you rejected it; reload and try again.");
  await recordJobOutcome(updated, { commentOnIssue: false });
  return updated;
}

/** A finished job runs again as a new job (source `retry`), keeping its original for the record. */
export async function rerunJob(id: string, submitter: { actor: Actor; role: Role | "system" }, deps: SubmitDeps = {}): Promise<RemediationJob> {
  const job = await loadJob(id);
  if (!isTerminal(job.status)) throw new Conflict(`This job is ${describeStatus(job)}; only a finished job can be re-run.`);
  const { job: rerun } = await submitJob(
    {
      script: job.script,
      tier: job.tier,
      namespace: job.namespace,
      priorityClass: job.priorityClass,
      args: (job.args ?? {}) as Record<string, unknown>,
      metadata: { ...((job.metadata as Record<string, unknown> | null) ?? {}), rerunOf: job.id },
      issueId: job.issueId ?? undefined,
      maxAttempts: job.maxAttempts,
      timeoutSeconds: job.timeoutSeconds,
      requiresApproval: job.requiresApproval,
      resolveIssueOnSuccess: job.resolveIssueOnSuccess,
    },
    { actor: submitter.actor, role: submitter.role, source: "retry", parentJobId: job.id, ruleId: job.ruleId ?? undefined },
    deps,
  );
  return rerun;
}

function hashToken(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

/**
 * Checks a callback's token before anything else is read: the one-time secret given with the
 * dispatch. An unknown job answers like a wrong token, so job ids cannot be probed.
 */
export async function authenticateJobCallback(id: string, token: string | null): Promise<RemediationJob> {
  if (!token) throw new Unauthenticated("Send the job's callback token as `Authorization: Bearer <token>`.");
  const sql = await getSql();
  const [job] = await sql.query<RemediationJob>(`SELECT * FROM "RemediationJob" WHERE "id" = $1`, [id]);
  const expected = job?.callbackTokenHash ? Buffer.from(job.callbackTokenHash, "hex") : null;
  if (!job || !expected || expected.length !== 32 || !timingSafeEqual(expected, hashToken(token))) {
    throw new Unauthenticated("The callback token is not valid for this job (it is used up once the job has ended).");
  }
  return job;
}

/** The outside runner reports progress (logs) or the end of a job handed to it (after authenticateJobCallback). */
export async function receiveJobCallback(job: RemediationJob, input: JobCallbackInput, settings: QueueSettings): Promise<RemediationJob> {
  const id = job.id;
  if (job.status !== "running" || !job.awaitingCallback) throw new Conflict(`This job is ${describeStatus(job)}, not waiting for a callback.`);
  await appendJobLogs(id, input.logs.map((line) => ({ level: line.level, message: line.message })), settings);
  if (input.status === "running") return loadJob(id);

  const end = input.status === "succeeded" ? ({ kind: "succeeded", output: input.output } as const) : ({ kind: "failed", error: input.error ?? "The workflow reported a failure.", retryable: true } as const);
  const now = (settings.clock ?? systemClock).now();
  const plan = planRunEnd(end, job.attempts, job.maxAttempts, now, (settings.random ?? Math.random)(), settings.backoff);
  const sql = await getSql();
  // The token hash is part of the guard and is cleared by the same statement: one use only.
  const [updated] = await sql.query<RemediationJob>(
    `WITH ended AS (
       UPDATE "RemediationJob" SET "status" = $3::"JobStatus", "output" = COALESCE($4::jsonb, "output"), "error" = $5::text, "runAfter" = COALESCE($6::timestamptz, "runAfter"),
         "awaitingCallback" = false, "callbackTokenHash" = NULL, "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
         "finishedAt" = CASE WHEN $3::"JobStatus" IN ('succeeded', 'failed') THEN $7::timestamptz ELSE NULL END, "updatedAt" = $7::timestamptz
       WHERE "id" = $1 AND "callbackTokenHash" = $2 AND "awaitingCallback" AND "status" = 'running'
       RETURNING *
     ), attempt AS (
       UPDATE "JobAttempt" SET "status" = $8::"JobStatus", "error" = $5::text, "finishedAt" = $7::timestamptz WHERE "jobId" = $1 AND "attempt" = (SELECT "attempts" FROM ended)
     )
     SELECT * FROM ended`,
    [id, job.callbackTokenHash, plan.status, boundedOutput(end.kind === "succeeded" ? end.output : undefined), end.kind === "failed" ? end.error : null, plan.runAfter, now, end.kind === "succeeded" ? "succeeded" : "failed"],
  );
  if (!updated) throw new Conflict("The job ended while this callback was being handled.");
  if (plan.status === "queued") announceJobsLocally(updated.tier);
  await recordJobOutcome(updated);
  return updated;
}

export { finishRun };
