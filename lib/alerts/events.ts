import { newId, type SqlTx } from "@/lib/db";
import type { AlertEventType, AlertSeverity } from "./match";

/**
 * Something operators may need to hear about (a remediation that did not hold, a job that
 * failed, a monitor that went missing). Events are written in the transaction of the change
 * they describe, so an event exists exactly when its change does; routing them to channels
 * (the AlertDelivery outbox) is a separate step that reads these rows.
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

export function raiseAlertEvent(tx: SqlTx, event: AlertEventInput): string {
  const at = event.occurredAt ?? new Date();
  const id = newId(at.getTime());
  tx.defer(
    `INSERT INTO "AlertEvent" ("id", "type", "groupKey", "severity", "tier", "resolves", "title", "data", "createdAt")
     VALUES ($1, $2, $3, $4, $5::"Tier", $6, $7, $8::jsonb, $9)`,
    [id, event.type, event.groupKey, event.severity, event.tier ?? null, event.resolves ?? false, event.title.slice(0, 500), JSON.stringify(event.data), at],
  );
  return id;
}
