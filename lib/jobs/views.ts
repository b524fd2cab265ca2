import type { AppConfig } from "@/lib/config";
import type { JobAttempt, JobLogLine, RemediationJob } from "@/lib/db";
import { sentryTraceUrl } from "./links";
import type { JobSource, JobStatus, PriorityClass, Tier } from "./model";

/** A job as the API and the pages show it: JSON-safe, no callback token hash. */
export interface JobView {
  id: string;
  tier: Tier;
  namespace: string;
  priorityClass: PriorityClass;
  script: string;
  args: unknown;
  metadata: unknown;
  source: JobSource;
  status: JobStatus;
  issue: { id: string; sentryId: string; shortId: string | null; title: string } | null;
  ruleId: string | null;
  parentJobId: string | null;
  submittedBy: { type: string; label: string };
  dedupeKey: string | null;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  timeoutSeconds: number;
  requiresApproval: boolean;
  approvedAt: string | null;
  cancelRequestedAt: string | null;
  awaitingCallback: boolean;
  traceId: string | null;
  sentryTraceUrl: string | null;
  sentryCommentError: string | null;
  output: unknown;
  error: string | null;
  resolveIssueOnSuccess: boolean;
  /** The closed loop after success (resolve in Sentry, then verify); null when there is none. */
  loop: { state: string; resolveAttempts: number; issueResolvedAt: string | null; dueAt: string | null; verdictAt: string | null; note: string | null } | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function jobView(job: RemediationJob & { issue?: { id: string; sentryId: string; shortId: string | null; title: string } | null }, config: AppConfig): JobView {
  return {
    id: job.id,
    tier: job.tier,
    namespace: job.namespace,
    priorityClass: job.priorityClass,
    script: job.script,
    args: job.args,
    metadata: job.metadata,
    source: job.source,
    status: job.status,
    issue: job.issue ? { id: job.issue.id, sentryId: job.issue.sentryId, shortId: job.issue.shortId, title: job.issue.title } : null,
    ruleId: job.ruleId,
    parentJobId: job.parentJobId,
    submittedBy: { type: job.submittedByType, label: job.submittedByLabel },
    dedupeKey: job.dedupeKey,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runAfter: job.runAfter.toISOString(),
    leaseOwner: job.leaseOwner,
    leaseExpiresAt: iso(job.leaseExpiresAt),
    timeoutSeconds: job.timeoutSeconds,
    requiresApproval: job.requiresApproval,
    approvedAt: iso(job.approvedAt),
    cancelRequestedAt: iso(job.cancelRequestedAt),
    awaitingCallback: job.awaitingCallback,
    traceId: job.traceId,
    sentryTraceUrl: sentryTraceUrl(config, job.traceId),
    sentryCommentError: job.sentryCommentError,
    output: job.output,
    error: job.error,
    resolveIssueOnSuccess: job.resolveIssueOnSuccess,
    loop: job.verification
      ? { state: job.verification, resolveAttempts: job.resolveAttempts, issueResolvedAt: iso(job.issueResolvedAt), dueAt: iso(job.loopDueAt), verdictAt: iso(job.verifiedAt), note: job.verificationNote }
      : null,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}

export interface JobAttemptView {
  attempt: number;
  workerId: string | null;
  status: JobStatus;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export function attemptView(attempt: JobAttempt): JobAttemptView {
  return { attempt: attempt.attempt, workerId: attempt.workerId, status: attempt.status, error: attempt.error, startedAt: attempt.startedAt.toISOString(), finishedAt: iso(attempt.finishedAt) };
}

export interface JobLogView {
  id: number;
  level: string;
  message: string;
  data: unknown;
  at: string;
}

export function logView(line: JobLogLine): JobLogView {
  return { id: Number(line.id), level: line.level, message: line.message, data: line.data, at: line.createdAt.toISOString() };
}
