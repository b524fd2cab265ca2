import { evaluateMonitors } from "@/lib/monitors";
import { MINUTE_MS, oncePerSlot, type TickTask } from "./tick-task";

/** Sentry's missed and timeout detection for every monitor, worker tiers and operators' jobs alike. */
export const monitorsTask: TickTask = {
  name: "monitors",
  // Every minute: schedules, margins and max runtimes are whole minutes (Sentry's semantics,
  // lib/monitors/schedule.ts), so evaluating more often finds nothing sooner.
  schedule: oncePerSlot(() => MINUTE_MS),
  run: ({ now }) => evaluateMonitors(now),
};
