import { refreshStaleLoopSnapshots } from "@/lib/metrics";
import type { TickTask } from "./tick-tasks";

/** Keeps the remediation-effectiveness snapshots of the long ranges fresh (lib/metrics/loop.ts). */
export const loopMetricsTask: TickTask = {
  name: "loop-metrics",
  run: ({ now, deadlineAt }) => refreshStaleLoopSnapshots(now, deadlineAt),
};
