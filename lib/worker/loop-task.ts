import { advanceLoops } from "@/lib/loop";
import type { TickTask } from "./tick-tasks";

/** The closed loop's timed steps: resolve retries that are due and quiet windows that ended. */
export const remediationLoopTask: TickTask = {
  name: "remediation-loop",
  run: ({ now }) => advanceLoops({ now: () => now }),
};
