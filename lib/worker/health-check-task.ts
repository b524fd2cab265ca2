import { runDueHealthChecks } from "@/lib/health";
import type { TickTask } from "./tick-tasks";

/**
 * Probes the health checks that are due, within what is left of the tick's budget (see
 * lib/health/runner.ts for how it stays inside it and off other workers' checks).
 */
export const healthCheckTask: TickTask = {
  name: "health-checks",
  run: ({ now, deadlineAt }) => runDueHealthChecks({ now, deadlineAt }),
};
