import { pruneExpired } from "@/lib/retention";
import type { TickTask } from "./tick-tasks";

/** Prunes what is past its retention (RETENTION_*_DAYS), in small batches, last in the tick. */
export const retentionTask: TickTask = {
  name: "retention",
  run: ({ now, deadlineAt, config }) => pruneExpired(now, deadlineAt, config.retentionDays),
};
