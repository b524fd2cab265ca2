import { getSql, newId, type RemediationJob } from "@/lib/db";
import { runInBackground } from "./background";
import { isTerminal, STATUS_LABELS } from "./model";
import { notifySentryOfJob } from "./sentry-notify";

/**
 * What follows a job reaching a terminal state, wherever that happened (worker, callback,
 * reaper, cancel): a timeline entry on its issue, and the outcome commented on Sentry.
 */
export async function recordJobOutcome(job: RemediationJob, options: { commentOnIssue?: boolean } = {}): Promise<void> {
  if (!isTerminal(job.status) || !job.issueId) return;
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
}
