import { advanceLoops } from "@/lib/loop";
import type { TickTask } from "./tick-tasks";

/** The closed loop's timer: quiet windows that ended are verified (resolving is the outbox's loop-resolve). */
export const remediationLoopTask: TickTask = {
  name: "remediation-loop",
  run: ({ now }) => advanceLoops({ now: () => now }),
};
