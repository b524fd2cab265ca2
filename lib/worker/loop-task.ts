import { advanceLoops } from "@/lib/loop";
import { everyPass, type TickTask } from "./tick-task";

/** The closed loop's timer: quiet windows that ended are verified (resolving is the outbox's loop-resolve). */
export const remediationLoopTask: TickTask = {
  name: "remediation-loop",
  schedule: everyPass(
    "a resolve retry is claimed by moving its due time in a conditional UPDATE (a second claimer finds nothing due) and verdicts take their jobs with FOR UPDATE SKIP LOCKED",
  ),
  run: ({ now }) => advanceLoops({ now: () => now }),
};
