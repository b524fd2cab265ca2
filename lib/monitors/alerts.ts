import type { AlertEventInput } from "@/lib/alerts";

export interface MonitorChange {
  missed: number;
  timedOut: number;
  incident: "open" | "resolve" | "none";
  reason?: string | null;
}

/**
 * Pure: the alerts a monitor's change raises. Missed runs and timeouts are announced as they
 * are found (throttled per monitor by the routes); an incident (the failure threshold reached)
 * is "failing", and its recovery resolves it under the same group, closing a PagerDuty incident.
 */
export function monitorAlerts(monitor: { slug: string; name: string }, change: MonitorChange, tier: "prod" | "nonprod" | null): AlertEventInput[] {
  const data = { monitorSlug: monitor.slug, reason: change.reason ?? null };
  const alerts: AlertEventInput[] = [];
  if (change.missed > 0) {
    alerts.push({ type: "monitor.missed", groupKey: `monitor:${monitor.slug}:missed`, severity: tier === "prod" ? "error" : "warning", tier, title: `${monitor.name} missed ${change.missed === 1 ? "a check-in" : `${change.missed} check-ins`}`, data });
  }
  if (change.timedOut > 0) {
    alerts.push({ type: "monitor.timeout", groupKey: `monitor:${monitor.slug}:timeout`, severity: tier === "prod" ? "error" : "warning", tier, title: `${monitor.name} ran past its maximum runtime`, data });
  }
  if (change.incident === "open") {
    alerts.push({ type: "monitor.failing", groupKey: `monitor:${monitor.slug}`, severity: tier === "prod" ? "critical" : "error", tier, title: `${monitor.name} is failing${change.reason ? `: ${change.reason}` : ""}`, data });
  } else if (change.incident === "resolve") {
    alerts.push({ type: "monitor.recovered", groupKey: `monitor:${monitor.slug}`, severity: "info", tier, resolves: true, title: `${monitor.name} recovered`, data });
  }
  return alerts;
}
