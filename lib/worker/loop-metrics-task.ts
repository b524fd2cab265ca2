import { LOOP_SNAPSHOT_REFRESH_MS, refreshLoopSnapshot, type DashboardRange } from "@/lib/metrics";
import { oncePerSlot, type TickTask } from "./tick-task";

/**
 * Keeps the remediation-effectiveness snapshots of the long ranges fresh (lib/metrics/loop.ts):
 * one task per range, whose slot is the range's refresh period (1, 5 and 15 min), so each
 * snapshot is computed once per period however many workers run.
 */
export const loopSnapshotTasks: TickTask[] = (Object.entries(LOOP_SNAPSHOT_REFRESH_MS) as [DashboardRange, number][])
  .filter(([, refreshMs]) => refreshMs > 0)
  .map(([range, refreshMs]) => ({
    name: `loop-metrics-${range}`,
    schedule: oncePerSlot(() => refreshMs),
    run: async ({ now }) => ({ computedAt: (await refreshLoopSnapshot(range, now)).computedAt }),
  }));
