import type { OutboxEventInput } from "@/lib/outbox";
import type { MetricAlertChange } from "./apply";

/** Pure: the outbox event for a metric alert incident's new newest status; one stream per incident. */
export function metricAlertChangedEvent(change: MetricAlertChange): OutboxEventInput {
  return { topic: "metric_alert.changed", streamKey: `metric_alert:${change.incidentId}`, payload: { ...change } };
}

export function readMetricAlertChanged(payload: unknown): MetricAlertChange {
  return payload as MetricAlertChange;
}
