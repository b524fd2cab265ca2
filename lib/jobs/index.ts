export {
  TIERS,
  PRIORITY_CLASSES,
  JOB_SOURCES,
  JOB_STATUSES,
  ACTIVE_STATUSES,
  TERMINAL_STATUSES,
  STATUS_LABELS,
  CLASS_LABELS,
  isTerminal,
  systemClock,
  type Clock,
  type JobStatus,
  type JobSource,
  type PriorityClass,
  type Tier,
} from "./model";
export { nextStatus, statusesAllowing, IllegalTransition, type JobEvent } from "./transitions";
export { DEFAULT_BACKOFF, type BackoffPolicy } from "@/lib/retry";
export { planClaim, claimOrder, type ClaimCandidate, type ConcurrencyLimits, type RunningCounts } from "./claim-plan";
export { submitJobInput, jobListQuery, jobReasonInput, jobCallbackInput, jobLogsQuery, namespaceSchema, type SubmitJobInput, type JobListQuery, type JobCallbackInput } from "./inputs";
export { submitJob, submitterFor, type Submitter, type SubmitDeps, type SubmittedJob } from "./submit";
export { claimJobs, renewLeases, finishRun, reapExpiredLeases, appendJobLogs, planRunEnd, type QueueSettings, type ClaimRequest, type RunEnd, type ReapedJob } from "./queue";
export { cancelJob, approveJob, rejectJob, rerunJob, receiveJobCallback, authenticateJobCallback, type CancelResult } from "./actions";
export { startJobRun, runEndFor, JobStopped, type RunningJob, type RunnerDeps, type StopReason } from "./runner";
export { recordJobOutcome } from "./outcome";
export { listJobs, getJobDetail, listJobLogs, hasAnyJob, jobFilterValues, type JobListPage, type JobDetail } from "./queries";
export { jobView, type JobView, type JobAttemptView, type JobLogView } from "./views";
export { scriptCatalog, type ScriptInfo } from "./catalog";
export { BUILT_IN_SCRIPTS, ScriptFailure, defineScript, type ScriptRegistry, type RemediationScript, type ScriptContext, type ScriptOutcome } from "./scripts";
export { JOBS_CHANNEL, onLocalJobAnnouncement, announceJobsLocally } from "./notify";
export { runInBackground, settleBackgroundTasks } from "./background";
export { jobComment, notifySentryOfJob } from "./sentry-notify";
export { renderTemplate, lookupPath, placeholdersIn, TemplateError } from "./template";
export { jobPageUrl, jobCallbackUrl, sentryTraceUrl } from "./links";
