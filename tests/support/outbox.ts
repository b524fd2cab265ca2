import type { DispatchDeps } from "@/lib/alerts";
import { drainOutbox, type DrainResult } from "@/lib/outbox";
import type { Clock, ScriptRegistry } from "@/lib/jobs";
import { outboxConsumers } from "@/lib/worker/outbox-drainer";

export interface TestDrainOptions {
  clock?: Clock;
  scripts?: ScriptRegistry;
  /** The alert senders' settings (the config that opens channel secrets, a short timeout). */
  alerts?: DispatchDeps;
  /** The drain's clock: which handlings are due, and when a failed one is due again. */
  now?: () => Date;
  /** The backoff's random draw (full jitter). */
  random?: () => number;
}

/**
 * What a worker does after a delivery commits: hands the outbox's events to every consumer
 * (rules, alerts, the loop, resolves in Sentry, alert sends) until none is due. Tests call it
 * where the app's drainers would run, so they see each step happen (the request stored it;
 * the drain acted on it).
 */
export function drainOutboxNow(options: TestDrainOptions = {}): Promise<DrainResult> {
  const { now, random, ...deps } = options;
  const alerts = now ? { now, ...deps.alerts } : deps.alerts;
  return drainOutbox({ consumers: outboxConsumers({ ...deps, alerts }), owner: "test-drainer", now, random });
}
