import { dispatchAlerts } from "@/lib/alerts";
import type { TickTask } from "./tick-tasks";

/** Sends the alert outbox (lib/alerts/dispatch.ts) within what is left of the budget. */
export const alertsTask: TickTask = {
  name: "alerts",
  run: ({ now, deadlineAt, config }) => dispatchAlerts(now, deadlineAt, { config }),
};
