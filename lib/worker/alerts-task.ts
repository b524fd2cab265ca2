import { dispatchAlerts } from "@/lib/alerts";
import { everyPass, type TickTask } from "./tick-task";

/** Sends the alert outbox (lib/alerts/dispatch.ts) within what is left of the budget. */
export const alertsTask: TickTask = {
  name: "alerts",
  schedule: everyPass(
    "it claims due deliveries with FOR UPDATE SKIP LOCKED and a lease, so concurrent passes send disjoint ones; every pass keeps alerts prompt",
  ),
  run: ({ now, deadlineAt, config }) => dispatchAlerts(now, deadlineAt, { config }),
};
