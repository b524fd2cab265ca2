import type { Actor } from "@/lib/auth";
import { readRemediationSecret } from "@/lib/config";
import { NotFound } from "@/lib/errors";
import { MIN_TIMEOUT_MS } from "./model";
import { runProbe, type ProbeDeps } from "./probes";
import { getHealthCheckView } from "./queries";
import { claimDueChecks, loadCheck, recordProbeResult } from "./store";
import type { HealthRunResult } from "./views";

/** Probes at once per process: enough to get through dozens of checks in a tick, few enough not to crowd the pool. */
export const PROBE_CONCURRENCY = 4;
/**
 * A check is due this long before its next-check time. Ticks come about every 60 s but not to
 * the millisecond; without the slack a once-a-minute check due a hair after a tick would wait
 * for the next one and run every other minute.
 */
export const DUE_SLACK_MS = 5_000;
/** Kept free at the end of the budget to store the last samples. */
const STORE_MARGIN_MS = 1_000;

export const defaultProbeDeps: ProbeDeps = { readSecret: (name) => readRemediationSecret(name) };

export interface HealthTickSummary {
  probed: number;
  up: number;
  down: number;
  incidentsOpened: number;
  incidentsResolved: number;
}

/**
 * The tick's health work: prune old samples, then probe every due check on a few lanes. Each
 * lane claims one check at a time, and only one whose timeout fits in what is left of the
 * budget, so the task ends by `deadlineAt` and a check is never claimed and then dropped.
 * Probes are network waits, not CPU: jobs running beside them are not held up.
 */
export async function runDueHealthChecks(options: { now: Date; deadlineAt: number; concurrency?: number; deps?: ProbeDeps }): Promise<HealthTickSummary> {
  const started = Date.now();
  // The tick's `now` moved by the wall time spent, so tests can still set the clock.
  const at = () => new Date(options.now.getTime() + (Date.now() - started));
  const deps = options.deps ?? defaultProbeDeps;
  const summary: HealthTickSummary = { probed: 0, up: 0, down: 0, incidentsOpened: 0, incidentsResolved: 0 };

  const lane = async () => {
    for (;;) {
      const budget = options.deadlineAt - Date.now() - STORE_MARGIN_MS;
      if (budget < MIN_TIMEOUT_MS) return;
      const now = at();
      const [check] = await claimDueChecks({ now, dueBy: new Date(now.getTime() + DUE_SLACK_MS), limit: 1, maxTimeoutMs: budget });
      if (!check) return;
      const result = await runProbe(check, deps);
      const recorded = await recordProbeResult(check.id, result, at());
      if (!recorded) continue;
      summary.probed += 1;
      summary[result.ok ? "up" : "down"] += 1;
      if (recorded.transition.incident.action === "open") summary.incidentsOpened += 1;
      if (recorded.transition.incident.action === "resolve") summary.incidentsResolved += 1;
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: options.concurrency ?? PROBE_CONCURRENCY }, lane));
  const failed = lanes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (failed) throw failed.reason;
  return summary;
}

/**
 * An operator's "Run now": probes the check at once (enabled or not), stores the sample like
 * a tick would, and starts its interval over. Audited, since it may open or resolve an incident.
 */
export async function runHealthCheckNow(id: string, actor: Actor, options: { now?: Date; deps?: ProbeDeps } = {}): Promise<HealthRunResult> {
  const check = await loadCheck(id);
  const result = await runProbe(check, options.deps ?? defaultProbeDeps);
  const at = options.now ?? new Date();
  const recorded = await recordProbeResult(check.id, result, at, {
    nextCheckAt: new Date(at.getTime() + check.intervalSeconds * 1000),
    audit: ({ transition, previous }) => ({
      actor,
      action: "health_check.run",
      target: { type: "health_check", id: check.id },
      summary: `Health check “${check.name}” run by hand: ${result.ok ? `up in ${result.latencyMs} ms` : `down (${result.error})`}${previous !== transition.state ? `; was ${previous}` : ""}`,
    }),
  });
  // Deleted while it was being probed.
  if (!recorded) throw new NotFound("Health check");
  return { check: await getHealthCheckView(id, at), sample: recorded.sample };
}
