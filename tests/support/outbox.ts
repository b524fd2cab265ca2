import { drainOutbox, type DrainResult } from "@/lib/outbox";
import type { Clock, ScriptRegistry } from "@/lib/jobs";
import { outboxConsumers } from "@/lib/worker/outbox-drainer";

/**
 * What a worker does after a delivery commits: hands the outbox's events to every consumer
 * (rules, alerts, the loop) until none is due. Tests call it where the app's drainers would
 * run, so they see each step happen (the request stored it; the drain acted on it).
 */
export function drainOutboxNow(deps: { clock?: Clock; scripts?: ScriptRegistry } = {}): Promise<DrainResult> {
  return drainOutbox({ consumers: outboxConsumers(deps), owner: "test-drainer" });
}
