import { evaluateMonitors } from "@/lib/monitors";
import type { TickTask } from "./tick-tasks";

/** Sentry's missed and timeout detection for every monitor, worker tiers and operators' jobs alike. */
export const monitorsTask: TickTask = {
  name: "monitors",
  run: ({ now }) => evaluateMonitors(now),
};
