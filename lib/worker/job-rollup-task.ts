import { catchUpJobRollup } from "@/lib/metrics";
import { MINUTE_MS, oncePerSlot, type TickTask } from "./tick-task";

/**
 * Rolls finished jobs up into the overview's hourly counts once their hour is final, so no
 * overview request has to (see lib/metrics/rollups.ts); within what is left of the budget.
 */
export const jobRollupTask: TickTask = {
  name: "job-rollup",
  // Every minute, as before slots: when caught up a run is one watermark read, and a backlog
  // (a fresh install, a long outage) catches up a budget's worth of steps each minute.
  schedule: oncePerSlot(() => MINUTE_MS),
  run: ({ now, deadlineAt }) => catchUpJobRollup(now, deadlineAt),
};
