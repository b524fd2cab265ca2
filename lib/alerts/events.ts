import { newId, type SqlTx } from "@/lib/db";
import type { AlertEventType, AlertSeverity } from "./match";
import { routeAlertEvent } from "./routes";

/**
 * Something operators may need to hear about (a remediation that did not hold, a job that
 * failed, a monitor that went missing). Events are written in the transaction of the change
 * they describe, so an event exists exactly when its change does, and with it the outbox rows
 * (AlertDelivery) that the dispatcher sends later: a channel outage never holds up the change.
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
}

/** Writes the event and its outbox rows (routing decisions) in the caller's transaction. */
export async function raiseAlertEvent(tx: SqlTx, event: AlertEventInput): Promise<string> {
  const at = event.occurredAt ?? new Date();
  const id = newId(at.getTime());
  tx.defer(
    `INSERT INTO "AlertEvent" ("id", "type", "groupKey", "severity", "tier", "resolves", "title", "data", "createdAt")
     VALUES ($1, $2, $3, $4, $5::"Tier", $6, $7, $8::jsonb, $9)`,
    [id, event.type, event.groupKey, event.severity, event.tier ?? null, event.resolves ?? false, event.title.slice(0, 500), JSON.stringify(event.data), at],
  );
  await routeAlertEvent(tx, { id, type: event.type, groupKey: event.groupKey, severity: event.severity, tier: event.tier ?? null, resolves: event.resolves ?? false, data: event.data }, at);
  return id;
}
