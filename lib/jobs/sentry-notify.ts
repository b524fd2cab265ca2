import { getConfig } from "@/lib/config";
import { getSql, type RemediationJob } from "@/lib/db";
import { createSentryClient, type SentryClient } from "@/lib/sentry";
import { jobPageUrl } from "./links";
import { STATUS_LABELS } from "./model";

/** Pure: the comment for a job's moment on its Sentry issue. */
export function jobComment(job: Pick<RemediationJob, "script" | "tier" | "priorityClass" | "status" | "error" | "namespace">, moment: "submitted" | "finished", jobUrl: string): string {
  if (moment === "submitted") {
    return `Automated remediation job submitted: ${job.script} (${job.tier}/${job.namespace}, class ${job.priorityClass})${job.status === "awaiting_approval" ? " — awaiting approval" : ""}\n${jobUrl}`;
  }
  const outcome = STATUS_LABELS[job.status].toLowerCase();
  return `Automated remediation job ${outcome}: ${job.script}${job.error ? `\n${job.error.slice(0, 500)}` : ""}\n${jobUrl}`;
}

/**
 * Comments a job's submission or outcome on its Sentry issue. The comments endpoint needs a
 * user-bound token, so this fails in many setups: a failure is recorded on the job (and its
 * log) and never fails the job. Without a configured Sentry API nothing is attempted.
 */
export async function notifySentryOfJob(job: RemediationJob, moment: "submitted" | "finished", sentry?: SentryClient): Promise<void> {
  if (!job.issueId) return;
  const config = getConfig();
  if (!sentry && (!config.sentryIntegration.apiToken || !config.sentryIntegration.organization)) return;
  const sql = await getSql();
  const [issue] = await sql.query<{ sentryId: string }>(`SELECT "sentryId" FROM "Issue" WHERE "id" = $1`, [job.issueId]);
  if (!issue) return;
  try {
    await (sentry ?? createSentryClient(config.sentryIntegration)).addComment(issue.sentryId, jobComment(job, moment, jobPageUrl(config, job.id)));
  } catch (error) {
    const message = `Could not comment on the Sentry issue (${moment}): ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
    await sql.query(
      `WITH updated AS (UPDATE "RemediationJob" SET "sentryCommentError" = $2 WHERE "id" = $1)
       INSERT INTO "JobLogLine" ("jobId", "level", "message") VALUES ($1, 'warn', $2)`,
      [job.id, message],
    );
  }
}
