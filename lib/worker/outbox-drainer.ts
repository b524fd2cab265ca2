import { alertSendOutboxHandler, alertsOutboxHandler, type DispatchDeps } from "@/lib/alerts";
import type { Clock, ScriptRegistry } from "@/lib/jobs";
import { loopOutboxHandler, loopResolveOutboxHandler } from "@/lib/loop";
import { drainOutbox, onLocalOutboxAnnouncement, type DrainResult, type OutboxConsumers } from "@/lib/outbox";
import { rulesOutboxHandler } from "@/lib/rules";
import * as Sentry from "@/lib/telemetry";
import { WakeSignal } from "./wake-signal";

/** Every consumer of the outbox, as the workers run them. */
export function outboxConsumers(deps: { clock?: Clock; scripts?: ScriptRegistry; alerts?: DispatchDeps } = {}): OutboxConsumers {
  const loopDeps = deps.clock ? { now: () => deps.clock!.now() } : {};
  return {
    rules: rulesOutboxHandler(deps),
    alerts: alertsOutboxHandler(),
    loop: loopOutboxHandler(loopDeps),
    "loop-resolve": loopResolveOutboxHandler(loopDeps),
    "alert-send": alertSendOutboxHandler(deps.alerts),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A worker's outbox loop: drains until nothing is due, then waits for a wake-up (NOTIFY
 * outbox, or an announcement from this process) or the poll interval, whichever comes first.
 * The poll is what finds events whose announcement was lost and handlings due for a retry.
 */
export class OutboxDrainer {
  private stopping = false;
  private readonly signal = new WakeSignal();
  private loopDone: Promise<void> | null = null;
  private stopLocal: (() => void) | null = null;
  readonly totals: DrainResult = { handled: 0, retried: 0, dead: 0 };

  constructor(
    private readonly options: { owner: string; consumers: OutboxConsumers; pollIntervalMs: number; leaseMs: number; log: (message: string) => void },
  ) {}

  start(): void {
    this.stopLocal = onLocalOutboxAnnouncement(() => this.wake());
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopLocal?.();
    this.wake();
    await this.loopDone;
  }

  wake(): void {
    this.signal.wake();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const result = await drainOutbox({ consumers: this.options.consumers, owner: this.options.owner, leaseMs: this.options.leaseMs });
        for (const key of ["handled", "retried", "dead"] as const) this.totals[key] += result[key];
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.log(`Draining the outbox failed (${error instanceof Error ? error.message : String(error)}); retrying.`);
        Sentry.captureException(error, { tags: { stage: "outbox.drain" } });
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
        continue;
      }
      await this.signal.wait(this.options.pollIntervalMs);
    }
  }

}
