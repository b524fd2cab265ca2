import { reAlertOpenGroups } from "@/lib/alerts";
import { MINUTE_MS, oncePerSlot, type TickTask } from "./tick-task";

/**
 * Re-alerts of groups still open (lib/alerts/dispatch.ts); the sends themselves are the
 * outbox's alert-send consumer. Once a minute across all workers: two passes re-alerting the
 * same group at once would page twice.
 */
export const alertsTask: TickTask = {
  name: "alerts",
  schedule: oncePerSlot(() => MINUTE_MS),
  run: ({ now }) => reAlertOpenGroups(now),
};
