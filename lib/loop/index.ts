import { subscribeOnce, subscribeToIssueChanges } from "@/lib/issues";
import { checkForRegression, type LoopDeps } from "./store";

export { LOOP_STATES, LOOP_LABELS, MAX_RESOLVE_ATTEMPTS, loopStages, regressionOf, type LoopState, type LoopStage, type LoopJobFacts, type StageKey, type StageState } from "./model";
export { beginLoop, resolveIssueForJob, advanceLoops, checkForRegression, type LoopDeps, type LoopTickResult } from "./store";
export { getIssueLoop, type IssueLoop } from "./queries";

/** Watches issue changes for regressions of remediations being verified; once per process. */
export function startLoopWatcher(deps: LoopDeps = {}): () => void {
  return subscribeOnce("loop-watcher", () =>
    subscribeToIssueChanges(async (issue, change) => {
      await checkForRegression(issue, change, deps);
    }),
  );
}
