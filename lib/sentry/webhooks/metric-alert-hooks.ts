import * as Sentry from "@/lib/telemetry";
import type { MetricAlertChange } from "./apply";

export type MetricAlertListener = (change: MetricAlertChange) => Promise<void> | void;

const listeners: Set<MetricAlertListener> = ((globalThis as { __opsMetricAlertListeners?: Set<MetricAlertListener> }).__opsMetricAlertListeners ??= new Set());

/** Like onIssueChanged for metric alerts: called after the delivery committed; a failing listener is reported, not fatal. */
export function subscribeToMetricAlerts(listener: MetricAlertListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function onMetricAlertChanged(change: MetricAlertChange): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(change);
    } catch (error) {
      Sentry.captureException(error, { tags: { hook: "onMetricAlertChanged", status: change.status } });
      console.error("onMetricAlertChanged listener failed", error);
    }
  }
}
