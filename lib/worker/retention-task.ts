import { pruneExpired } from "@/lib/retention";
import { MINUTE_MS, oncePerSlot, type TickTask } from "./tick-task";

/** Prunes what is past its retention (RETENTION_*_DAYS), in small batches, last in the tick. */
export const retentionTask: TickTask = {
  name: "retention",
  // Hourly: retentions are whole days, so an hour late is nothing, and a run deletes until
  // its budget ends (a large first backlog takes a few hours to go).
  schedule: oncePerSlot(() => 60 * MINUTE_MS),
  run: ({ now, deadlineAt, config }) => pruneExpired(now, deadlineAt, config.retentionDays),
};
