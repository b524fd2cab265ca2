import { getSql, newId, type SqlTx } from "@/lib/db";
import { announceOutboxEvents } from "@/lib/outbox";
import * as Sentry from "@/lib/telemetry";
import type { AlertEventType, AlertSeverity } from "./match";
import { routeAlertEvent } from "./routes";

/**
 * Something operators may need to hear about (a remediation that did not hold, a job that
 * failed, a monitor that went missing), with its deliveries (AlertDelivery) and the outbox
 * events that send them later (alert-send), so a channel outage never holds up the change. Written in the
 * transaction of the change where that is plain SQL (the remediation loop), otherwise right
 * after the change commits (`announce`).
 */
export interface AlertEventInput {
  type: AlertEventType;
  /** Repeats of one problem share it (grouping, throttling, PagerDuty's dedup key). */
  groupKey: string;
  severity: AlertSeverity;
  tier?: "prod" | "nonprod" | null;
  /** True for "it recovered" events that resolve the group's earlier ones. */
  resolves?: boolean;
  title: string;
  data: Record<string, unknown>;
  occurredAt?: Date;
  /**
   * What raised it, when that can happen twice (an outbox handling retried after a crash):
   * an event with the same key is raised once (a unique key).
   */
  sourceKey?: string;
}

/**
 * Writes the event, its deliveries (routing decisions) and their outbox events in the caller's
 * transaction; the caller announces the outbox events after the commit. With a `sourceKey`
 * already raised, nothing is written and the earlier event's id is returned.
 */
export async function raiseAlertEvent(tx: SqlTx, event: AlertEventInput): Promise<string> {
  if (event.sourceKey) {
    const [earlier] = await tx.query<{ id: string }>(`SELECT "id" FROM "AlertEvent" WHERE "sourceKey" = $1`, [event.sourceKey]);
    if (earlier) return earlier.id;
  }
  const at = event.occurredAt ?? new Date();
  const id = newId(at.getTime());
  tx.defer(
    `INSERT INTO "AlertEvent" ("id", "type", "groupKey", "severity", "tier", "resolves", "title", "data", "sourceKey", "createdAt")
     VALUES ($1, $2, $3, $4, $5::"Tier", $6, $7, $8::jsonb, $9, $10)`,
    [id, event.type, event.groupKey, event.severity, event.tier ?? null, event.resolves ?? false, event.title.slice(0, 500), JSON.stringify(event.data), event.sourceKey ?? null, at],
  );
  await routeAlertEvent(tx, { id, type: event.type, groupKey: event.groupKey, severity: event.severity, tier: event.tier ?? null, resolves: event.resolves ?? false, data: event.data }, at);
  return id;
}

/**
 * Raises an event in a transaction of its own, right after the change it describes committed
 * (job outcomes, monitor incidents, health transitions run in Prisma transactions). Never
 * throws: an alert that cannot be written is reported and must not undo or fail the change.
 */
export async function announce(event: AlertEventInput): Promise<void> {
  try {
    const sql = await getSql();
    if (event.resolves) {
      // Most job successes resolve nothing: only write a resolve when its group's last event
      // is an alert (one indexed read instead of a transaction and a row per success).
      const [last] = await sql.query<{ resolves: boolean }>(`SELECT "resolves" FROM "AlertEvent" WHERE "groupKey" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [event.groupKey]);
      if (!last || last.resolves) return;
    }
    await sql.transaction((tx) => raiseAlertEvent(tx, event));
    announceOutboxEvents();
  } catch (error) {
    Sentry.captureException(error, { tags: { alert: event.type } });
    console.error(`Could not raise the alert event ${event.type}`, error);
  }
}
