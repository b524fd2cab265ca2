import { getSql, newId, type RemediationJob } from "@/lib/db";
import { announce } from "@/lib/alerts";
import { beginLoop } from "@/lib/loop";
import { announceOutboxEvents } from "@/lib/outbox";
import { jobAlert } from "./alerts";
import { runInBackground } from "./background";
import { isTerminal, STATUS_LABELS } from "./model";
import { notifySentryOfJob } from "./sentry-notify";

/**
 * What follows a job reaching a terminal state, wherever that happened (worker, callback,
 * reaper, cancel): its alert event (failed, timed out, or a success that resolves them), a
 * timeline entry on its issue, the outcome commented on Sentry, and for a
 * success that asks for it, the closed loop (resolve in Sentry, then verify it stays quiet).
 */
export async function recordJobOutcome(job: RemediationJob, options: { commentOnIssue?: boolean } = {}): Promise<void> {
  if (!isTerminal(job.status)) return;
  const alert = jobAlert(job, "finished");
  if (alert) await announce(alert);
  if (!job.issueId) return;
  const sql = await getSql();
  const at = job.finishedAt ?? new Date();
  await sql.query(
    `INSERT INTO "IssueTimelineEntry" ("id", "issueId", "kind", "actor", "summary", "data", "jobId", "occurredAt") VALUES ($1, $2, 'job_finished', 'remediation', $3, $4::jsonb, $5, $6)`,
    [
      newId(at.getTime()),
      job.issueId,
      `Remediation job ${STATUS_LABELS[job.status].toLowerCase()}: ${job.script}${job.error ? ` — ${job.error.slice(0, 200)}` : ""}`,
      JSON.stringify({ status: job.status, script: job.script }),
      job.id,
      at,
    ],
  );
  if (options.commentOnIssue !== false) runInBackground(() => notifySentryOfJob(job, "finished"));
  // The resolve itself is the outbox's (loop-resolve): woken now, retried there if Sentry fails.
  if (job.status === "succeeded" && job.resolveIssueOnSuccess && (await beginLoop(job.id))) announceOutboxEvents();
}
