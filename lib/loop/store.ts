import { raiseAlertEvent } from "@/lib/alerts";
import { getConfig } from "@/lib/config";
import { getSql, type Issue } from "@/lib/db";
import { addTimelineEntry, type IssueChange } from "@/lib/issues";
import { announceOutboxEvents, emitOutboxEvents } from "@/lib/outbox";
import { createSentryClient, SentryApiError, SentryRateLimited, SentryUnavailable, type SentryClient } from "@/lib/sentry";
import * as Sentry from "@/lib/telemetry";
import { couldBeRegression, regressionOf } from "./model";

export interface LoopDeps {
  /** Sentry's API; by default the configured one, or none (resolve here only) without SENTRY_API_TOKEN and SENTRY_ORG. */
  sentry?: SentryClient | null;
  now?: () => Date;
  verifyMinutes?: number;
}

const clock = (deps: LoopDeps) => deps.now?.() ?? new Date();

function sentryFor(deps: LoopDeps): SentryClient | null {
  if (deps.sentry !== undefined) return deps.sentry;
  const settings = getConfig().sentryIntegration;
  return settings.apiToken && settings.organization ? createSentryClient(settings) : null;
}

/** What the loop-resolve consumer is asked: resolve this job's issue. */
export function readResolveRequested(payload: unknown): { jobId: string } {
  const jobId = (payload as { jobId?: unknown } | null)?.jobId;
  if (typeof jobId !== "string") throw new Error("job.resolve_requested without a jobId");
  return { jobId };
}

/**
 * Starts the loop for a job that just succeeded and asks to resolve its issue: the job is
 * marked "resolving" and the outbox event that asks for the resolve is written in the same
 * transaction, so a crash after the commit leaves the resolve to the next drain, and the
 * outbox's retries (with jitter) are the resolve's retries. Returns whether a loop started;
 * the caller announces the event after the commit.
 */
export async function beginLoop(jobId: string, deps: LoopDeps = {}): Promise<boolean> {
  const sql = await getSql();
  const now = clock(deps);
  return sql.transaction(async (tx) => {
    const started = await tx.execute(
      `UPDATE "RemediationJob" SET "verification" = 'resolving', "loopDueAt" = NULL
        WHERE "id" = $1 AND "verification" IS NULL AND "resolveIssueOnSuccess" AND "issueId" IS NOT NULL AND "status" = 'succeeded'`,
      [jobId],
    );
    if (started === 0) return false;
    emitOutboxEvents(tx, [{ topic: "job.resolve_requested", streamKey: `job:${jobId}`, payload: { jobId } }], now);
    return true;
  });
}

interface ClaimedResolve {
  id: string;
  issueId: string;
  sentryId: string;
  script: string;
  resolveAttempts: number;
}

/** Sentry will never accept this call as it is (a refused token, a gone issue): retrying cannot help. */
function permanentSentryFailure(error: unknown): boolean {
  return error instanceof SentryApiError && !(error instanceof SentryUnavailable) && !(error instanceof SentryRateLimited);
}

/**
 * One attempt at resolving a job's issue in Sentry: the loop-resolve consumer's work, so the
 * outbox's claim guarantees one attempt at a time. A failure that may pass (5xx, 429, the
 * network) throws, and the outbox tries again with backoff; one that cannot (401, 403, 404)
 * or the last allowed attempt ends the loop as resolve_failed. A job no longer resolving (a
 * retried handling after its work was done) is left alone.
 */
export async function resolveIssueForJob(jobId: string, attempt: { attempt: number; maxAttempts: number }, deps: LoopDeps = {}): Promise<"resolved" | "failed" | "not_resolving"> {
  const sql = await getSql();
  const now = clock(deps);
  const [job] = await sql.query<ClaimedResolve>(
    `UPDATE "RemediationJob" j SET "resolveAttempts" = j."resolveAttempts" + 1
       FROM "Issue" i
      WHERE j."id" = $1 AND i."id" = j."issueId" AND j."verification" = 'resolving'
      RETURNING j."id", j."issueId", i."sentryId", j."script", j."resolveAttempts"`,
    [jobId],
  );
  if (!job) return "not_resolving";

  const sentry = sentryFor(deps);
  let note: string | null = null;
  if (sentry) {
    try {
      await sentry.updateIssueStatus(job.sentryId, "resolved");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!permanentSentryFailure(error) && attempt.attempt < attempt.maxAttempts) {
        await sql.execute(`UPDATE "RemediationJob" SET "verificationNote" = $2 WHERE "id" = $1 AND "verification" = 'resolving'`, [
          job.id,
          `Attempt ${attempt.attempt} of ${attempt.maxAttempts} could not resolve the issue in Sentry: ${message}`.slice(0, 1000),
        ]);
        throw error;
      }
      await failResolve(job, `Could not resolve the issue in Sentry after ${attempt.attempt} attempt${attempt.attempt === 1 ? "" : "s"}: ${message}`, now);
      return "failed";
    }
  } else {
    note = "Sentry's API is not configured (SENTRY_API_TOKEN, SENTRY_ORG): resolved in this app only";
  }

  const verifyMinutes = deps.verifyMinutes ?? getConfig().jobs.verifyMinutes;
  const verifyUntil = new Date(now.getTime() + verifyMinutes * 60_000);
  await sql.transaction(async (tx) => {
    await tx.execute(
      `UPDATE "RemediationJob" SET "verification" = 'verifying', "issueResolvedAt" = $2, "loopDueAt" = $3, "verificationNote" = $4 WHERE "id" = $1`,
      [job.id, now, verifyUntil, note],
    );
    // sentryUpdatedAt moves to now so a delivery that Sentry sent before this resolve cannot
    // flip the issue back (lib/issues/merge.ts takes status only from newer snapshots).
    await tx.execute(
      `UPDATE "Issue" SET "status" = 'resolved', "resolvedAt" = $2, "sentryUpdatedAt" = GREATEST("sentryUpdatedAt", $2), "updatedAt" = now()
        WHERE "id" = $1 AND "status" <> 'resolved'`,
      [job.issueId, now],
    );
    addTimelineEntry(tx, {
      issueId: job.issueId,
      kind: "loop_resolved",
      actor: "remediation",
      summary: `${sentry ? "Resolved in Sentry" : "Resolved here (no Sentry API)"} after ${job.script} succeeded; verifying it stays quiet for ${formatMinutes(verifyMinutes)}`,
      data: { verifyUntil: verifyUntil.toISOString(), inSentry: sentry !== null },
      jobId: job.id,
      occurredAt: now,
    });
  });
  return "resolved";
}

async function failResolve(job: ClaimedResolve, note: string, now: Date): Promise<void> {
  const sql = await getSql();
  await sql.transaction(async (tx) => {
    await tx.execute(`UPDATE "RemediationJob" SET "verification" = 'resolve_failed', "verifiedAt" = $2, "verificationNote" = $3, "loopDueAt" = NULL WHERE "id" = $1`, [
      job.id,
      now,
      note.slice(0, 1000),
    ]);
    addTimelineEntry(tx, { issueId: job.issueId, kind: "loop_resolve_failed", actor: "remediation", summary: note.slice(0, 500), jobId: job.id, occurredAt: now });
  });
}

export interface LoopTickResult {
  verified: number;
}

/**
 * The tick's share of the loop: quiet windows that have ended become verified. (Resolving in
 * Sentry, and its retries, is the outbox's loop-resolve consumer.)
 */
export async function advanceLoops(deps: LoopDeps = {}, limit = 50): Promise<LoopTickResult> {
  return { verified: await verifyQuietLoops(clock(deps), limit) };
}

/** Remediations whose issue stayed quiet through the window: verified. */
async function verifyQuietLoops(now: Date, limit: number): Promise<number> {
  const sql = await getSql();
  return sql.transaction(async (tx) => {
    const verified = await tx.query<{ id: string; issueId: string; script: string; issueResolvedAt: Date }>(
      `UPDATE "RemediationJob" SET "verification" = 'verified', "verifiedAt" = $1, "loopDueAt" = NULL
        WHERE "id" IN (SELECT "id" FROM "RemediationJob" WHERE "verification" = 'verifying' AND "loopDueAt" <= $1 ORDER BY "loopDueAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING "id", "issueId", "script", "issueResolvedAt"`,
      [now, limit],
    );
    for (const job of verified) {
      addTimelineEntry(tx, {
        issueId: job.issueId,
        kind: "loop_verified",
        actor: "remediation",
        summary: `Remediation verified: no regression and no new event for ${formatMinutes((now.getTime() - new Date(job.issueResolvedAt).getTime()) / 60_000)} after ${job.script} resolved the issue`,
        jobId: job.id,
        occurredAt: now,
      });
    }
    return verified.length;
  });
}

/**
 * Called for every applied issue change: a regression or a new event while a remediation of
 * the issue is being verified marks it ineffective, reopens the issue here and raises an
 * alert event (routed by lib/alerts).
 */
export async function checkForRegression(issue: Issue, change: IssueChange, deps: LoopDeps = {}): Promise<number> {
  // Most changes on the intake path cannot be a regression; they cost no query.
  if (!couldBeRegression(change)) return 0;
  const sql = await getSql();
  const verifying = await sql.query<{ id: string; issueResolvedAt: Date }>(
    `SELECT "id", "issueResolvedAt" FROM "RemediationJob" WHERE "issueId" = $1 AND "verification" = 'verifying'`,
    [issue.id],
  );
  let marked = 0;
  for (const job of verifying) {
    const reason = regressionOf(issue, change, new Date(job.issueResolvedAt));
    if (!reason) continue;
    if (await markIneffective(job.id, reason, clock(deps))) marked += 1;
  }
  return marked;
}

async function markIneffective(jobId: string, reason: string, now: Date): Promise<boolean> {
  const sql = await getSql();
  const marked = await sql.transaction(async (tx) => {
    const [job] = await tx.query<{ id: string; issueId: string; script: string; tier: "prod" | "nonprod"; namespace: string; priorityClass: string; ruleId: string | null }>(
      `UPDATE "RemediationJob" SET "verification" = 'ineffective', "verifiedAt" = $2, "verificationNote" = $3, "loopDueAt" = NULL
        WHERE "id" = $1 AND "verification" = 'verifying'
        RETURNING "id", "issueId", "script", "tier", "namespace", "priorityClass", "ruleId"`,
      [jobId, now, reason.slice(0, 1000)],
    );
    if (!job) return false;
    const [issue] = await tx.query<{ title: string; shortId: string | null; level: string; environment: string | null }>(
      `UPDATE "Issue" SET "status" = 'unresolved', "resolvedAt" = NULL, "updatedAt" = now() WHERE "id" = $1
        RETURNING "title", "shortId", "level", "environment"`,
      [job.issueId],
    );
    addTimelineEntry(tx, {
      issueId: job.issueId,
      kind: "loop_ineffective",
      actor: "remediation",
      summary: `Remediation ineffective: ${reason}. The issue is open again.`,
      data: { reason },
      jobId: job.id,
      occurredAt: now,
    });
    await raiseAlertEvent(tx, {
      type: "remediation.ineffective",
      groupKey: `remediation-ineffective:${job.issueId}`,
      severity: job.tier === "prod" ? "error" : "warning",
      tier: job.tier,
      title: `Remediation ${job.script} did not hold for ${issue?.shortId ?? issue?.title ?? "an issue"}`,
      data: { jobId: job.id, issueId: job.issueId, script: job.script, reason, namespace: job.namespace, priorityClass: job.priorityClass, ruleId: job.ruleId, level: issue?.level, environment: issue?.environment },
      occurredAt: now,
    });
    Sentry.captureMessage(`Remediation ineffective: ${job.script}`, { level: "warning", tags: { script: job.script, tier: job.tier, loop: "ineffective" }, extra: { jobId: job.id, issueId: job.issueId } });
    return true;
  });
  // The alert's deliveries are outbox events: wake the drainers to send them.
  if (marked) announceOutboxEvents();
  return marked;
}

function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  return `${Math.round(minutes / 60)} h`;
}
