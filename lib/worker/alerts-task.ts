import { reAlertOpenGroups } from "@/lib/alerts";
import type { TickTask } from "./tick-tasks";

/** Re-alerts of groups still open (lib/alerts/dispatch.ts); the sends themselves are the outbox's alert-send consumer. */
export const alertsTask: TickTask = {
  name: "alerts",
  run: ({ now }) => reAlertOpenGroups(now),
};
