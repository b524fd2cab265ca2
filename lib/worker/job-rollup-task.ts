import { catchUpJobRollup } from "@/lib/metrics";
import type { TickTask } from "./tick-tasks";

/**
 * Rolls finished jobs up into the overview's hourly counts once their hour is final, so no
 * overview request has to (see lib/metrics/rollups.ts); within what is left of the budget.
 */
export const jobRollupTask: TickTask = {
  name: "job-rollup",
  run: ({ now, deadlineAt }) => catchUpJobRollup(now, deadlineAt),
};
