import type { RuleSafety } from "./model";

/** What the store knows about earlier jobs, for one rule and one issue. */
export interface SafetyHistory {
  /** When this rule last submitted a job for this issue. */
  lastJobForIssueAt: Date | null;
  /** Jobs this rule submitted within its window (any issue). */
  jobsInWindow: number;
  /** This rule has a job for this issue that is queued, awaiting approval or running. */
  activeJobForIssue: boolean;
  /** This rule submitted a job for this issue after the issue was last resolved (or ever, if never resolved). */
  jobSinceLastResolution: boolean;
}

export type SafetyVerdict = { allowed: true } | { allowed: false; limit: "cooldown" | "rate" | "one_until_resolved"; detail: string };

/**
 * Pure: whether a matched rule may submit now. Checked in this order, so the reason shown is
 * the most specific one: one-until-resolved, cooldown per issue, the rule's rate limit.
 */
export function checkSafety(safety: RuleSafety, history: SafetyHistory, now: Date): SafetyVerdict {
  if (safety.oneUntilResolved && history.activeJobForIssue) {
    return { allowed: false, limit: "one_until_resolved", detail: "A job from this rule for this issue is still queued, awaiting approval or running." };
  }
  if (safety.oneUntilResolved && history.jobSinceLastResolution) {
    return { allowed: false, limit: "one_until_resolved", detail: "This rule already ran for this issue; it runs again only after the issue is resolved and regresses." };
  }
  if (safety.cooldownMinutes > 0 && history.lastJobForIssueAt) {
    const until = history.lastJobForIssueAt.getTime() + safety.cooldownMinutes * 60_000;
    if (now.getTime() < until) {
      return { allowed: false, limit: "cooldown", detail: `Cooling down for this issue until ${new Date(until).toISOString()} (${safety.cooldownMinutes} min after its last job).` };
    }
  }
  if (safety.maxJobsPerWindow > 0 && history.jobsInWindow >= safety.maxJobsPerWindow) {
    return { allowed: false, limit: "rate", detail: `The rule already submitted ${history.jobsInWindow} jobs in the last ${safety.windowMinutes} min (limit ${safety.maxJobsPerWindow}).` };
  }
  return { allowed: true };
}
