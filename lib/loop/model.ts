import type { IssueChange } from "@/lib/issues";

/** The closed loop of one remediation: resolving -> verifying -> verified | ineffective. */
export const LOOP_STATES = ["resolving", "verifying", "verified", "ineffective", "resolve_failed"] as const;
export type LoopState = (typeof LOOP_STATES)[number];

export const LOOP_LABELS: Record<LoopState, string> = {
  resolving: "Resolving in Sentry",
  verifying: "Verifying",
  verified: "Verified",
  ineffective: "Ineffective",
  resolve_failed: "Could not resolve",
};

/**
 * Pure: whether a change to an issue shows that its remediation did not hold, and why.
 * Either Sentry unresolved it (a regression, or a person reopening it), or an event happened
 * after the remediation resolved it (lastSeen only moves forward, so a late delivery of an
 * older event cannot count).
 */
export function regressionOf(issue: { status: string; lastSeen: Date | null }, change: IssueChange, issueResolvedAt: Date): string | null {
  if (change.kind === "status_changed" && change.to === "unresolved" && change.from !== "unresolved") {
    return `Sentry marked the issue unresolved again (${change.source === "poll" ? "found by the poller" : "webhook"})`;
  }
  if (issue.lastSeen && issue.lastSeen.getTime() > issueResolvedAt.getTime()) {
    return `A new event at ${issue.lastSeen.toISOString()} came after the remediation resolved the issue`;
  }
  return null;
}

/** Pure: whether a change is of a kind regressionOf can count (the rest skip the lookup). */
export function couldBeRegression(change: IssueChange): boolean {
  switch (change.kind) {
    case "status_changed":
      return change.to === "unresolved";
    case "event_received":
    case "alert_triggered":
      return true;
    case "updated":
      return change.fields.includes("lastSeen");
    default:
      return false;
  }
}

export type StageKey = "detected" | "submitted" | "ran" | "resolved" | "verified";
export type StageState = "done" | "current" | "waiting" | "failed" | "skipped";

export interface LoopStage {
  key: StageKey;
  label: string;
  state: StageState;
  at: string | null;
  /** Time from the previous stage that has a time to this one. */
  tookMs: number | null;
  detail: string | null;
  /** While verifying: time left in the quiet window. */
  remainingMs: number | null;
}

export interface LoopJobFacts {
  status: string;
  script: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  resolveIssueOnSuccess: boolean;
  verification: LoopState | null;
  issueResolvedAt: Date | null;
  loopDueAt: Date | null;
  verifiedAt: Date | null;
  verificationNote: string | null;
}

const FAILED_JOB = new Set(["failed", "timed_out", "cancelled"]);

/**
 * Pure: the loop of one issue and its remediation job as five stages (detected -> submitted ->
 * ran -> resolved -> verified/ineffective), with the time each took since the one before.
 */
export function loopStages(detectedAt: Date, job: LoopJobFacts | null, now: Date): LoopStage[] {
  const stages: Omit<LoopStage, "tookMs">[] = [{ key: "detected", label: "Detected", state: "done", at: detectedAt.toISOString(), detail: null, remainingMs: null }];
  if (!job) {
    stages.push(
      { key: "submitted", label: "Job submitted", state: "waiting", at: null, detail: "No remediation job yet", remainingMs: null },
      { key: "ran", label: "Ran", state: "waiting", at: null, detail: null, remainingMs: null },
      { key: "resolved", label: "Resolved in Sentry", state: "waiting", at: null, detail: null, remainingMs: null },
      { key: "verified", label: "Verified", state: "waiting", at: null, detail: null, remainingMs: null },
    );
    return withDurations(stages);
  }
  stages.push({ key: "submitted", label: "Job submitted", state: "done", at: job.createdAt.toISOString(), detail: job.script, remainingMs: null });

  const jobFailed = FAILED_JOB.has(job.status);
  const ranState: StageState = job.status === "succeeded" ? "done" : jobFailed ? "failed" : "current";
  stages.push({
    key: "ran",
    label: jobFailed ? `Job ${job.status.replace("_", " ")}` : job.status === "succeeded" ? "Job succeeded" : "Running",
    state: ranState,
    at: job.finishedAt?.toISOString() ?? null,
    detail: job.status === "queued" || job.status === "awaiting_approval" ? job.status.replace("_", " ") : null,
    remainingMs: null,
  });

  const loopOff = !job.resolveIssueOnSuccess;
  const resolvedState: StageState =
    ranState !== "done" ? (jobFailed ? "skipped" : "waiting")
    : loopOff ? "skipped"
    : job.verification === "resolve_failed" ? "failed"
    : job.issueResolvedAt ? "done"
    : "current";
  stages.push({
    key: "resolved",
    label: "Resolved in Sentry",
    state: resolvedState,
    at: job.issueResolvedAt?.toISOString() ?? null,
    detail: loopOff ? "This job does not resolve its issue" : job.verification === "ineffective" ? null : job.verificationNote,
    remainingMs: null,
  });

  const verifiedState: StageState =
    resolvedState !== "done" ? (resolvedState === "current" || resolvedState === "waiting" ? "waiting" : "skipped")
    : job.verification === "verified" ? "done"
    : job.verification === "ineffective" ? "failed"
    : "current";
  const remainingMs = job.verification === "verifying" && job.loopDueAt ? Math.max(0, job.loopDueAt.getTime() - now.getTime()) : null;
  stages.push({
    key: "verified",
    label: job.verification === "ineffective" ? "Ineffective" : "Verified",
    state: verifiedState,
    at: job.verification === "verified" || job.verification === "ineffective" ? (job.verifiedAt?.toISOString() ?? null) : null,
    detail: job.verification === "ineffective" ? job.verificationNote : null,
    remainingMs,
  });
  return withDurations(stages);
}

function withDurations(stages: Omit<LoopStage, "tookMs">[]): LoopStage[] {
  let previous: number | null = null;
  return stages.map((stage) => {
    const at = stage.at ? Date.parse(stage.at) : null;
    const tookMs = at !== null && previous !== null ? Math.max(0, at - previous) : null;
    if (at !== null) previous = at;
    return { ...stage, tookMs };
  });
}
