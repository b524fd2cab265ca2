import { watchOutboxLag } from "@/lib/alerts";
import { MINUTE_MS, oncePerSlot, type TickTask } from "./tick-task";

/** Raises outbox.stuck for a consumer that fell behind, and resolves it when it catches up. */
export const outboxWatchTask: TickTask = {
  name: "outbox-watch",
  // Once a minute across workers: the threshold is whole minutes, and two passes at once would
  // raise the same episode twice.
  schedule: oncePerSlot(() => MINUTE_MS),
  run: ({ now, config }) => watchOutboxLag(now, config.jobs.outboxStuckMinutes),
};
