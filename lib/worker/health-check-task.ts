import { runDueHealthChecks } from "@/lib/health";
import { everyPass, type TickTask } from "./tick-task";

/**
 * Probes the health checks that are due, within what is left of the tick's budget (see
 * lib/health/runner.ts for how it stays inside it and off other workers' checks).
 */
export const healthCheckTask: TickTask = {
  name: "health-checks",
  schedule: everyPass(
    "each probe slot claims one due check with FOR UPDATE SKIP LOCKED and moves its next check time in the same statement, so concurrent passes probe different checks",
  ),
  run: ({ now, deadlineAt }) => runDueHealthChecks({ now, deadlineAt }),
};
