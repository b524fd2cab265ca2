import { readIssueChanged } from "@/lib/issues";
import type { OutboxHandler } from "@/lib/outbox";
import { checkForRegression, readResolveRequested, resolveIssueForJob, type LoopDeps } from "./store";

export { LOOP_STATES, LOOP_LABELS, loopStages, regressionOf, type LoopState, type LoopStage, type LoopJobFacts, type StageKey, type StageState } from "./model";
export { beginLoop, resolveIssueForJob, advanceLoops, checkForRegression, type LoopDeps, type LoopTickResult } from "./store";
export { getIssueLoop, type IssueLoop } from "./queries";

/**
 * The loop's outbox consumer: an issue change may be a regression of a remediation being
 * verified. Marking one ineffective is guarded by the job's state, so a retry changes nothing.
 */
export function loopOutboxHandler(deps: LoopDeps = {}): OutboxHandler {
  return async (event) => {
    if (event.topic !== "issue.changed") return;
    const { issue, change } = readIssueChanged(event.payload);
    await checkForRegression(issue, change, deps);
  };
}

/**
 * The loop-resolve consumer: resolves a remediated issue in Sentry. Its throws are the
 * outbox's retries (full-jitter backoff, the attempts declared for loop-resolve).
 */
export function loopResolveOutboxHandler(deps: LoopDeps = {}): OutboxHandler {
  return async (event) => {
    if (event.topic !== "job.resolve_requested") return;
    await resolveIssueForJob(readResolveRequested(event.payload).jobId, event, deps);
  };
}
