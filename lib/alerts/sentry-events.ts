import type { AlertEventInput } from "./events";
import type { AlertSeverity } from "./match";

const LEVEL_SEVERITY: Record<string, AlertSeverity> = { fatal: "critical", error: "error", warning: "warning", info: "info", debug: "info" };

/** Pure: production when Sentry's environment says so; other named environments are non-production. */
export function tierOfEnvironment(environment: string | null): "prod" | "nonprod" | null {
  if (!environment) return null;
  return /^prod(uction)?$/i.test(environment.trim()) ? "prod" : "nonprod";
}

/** Pure: the alert for a new Sentry issue; routes choose the levels they want (`levels`). */
export function issueCreatedAlert(issue: { id: string; title: string; shortId: string | null; level: string; environment: string | null }): AlertEventInput {
  return {
    type: "issue.created",
    groupKey: `issue:${issue.id}`,
    severity: LEVEL_SEVERITY[issue.level] ?? "error",
    tier: tierOfEnvironment(issue.environment),
    title: `New ${issue.level} issue${issue.shortId ? ` ${issue.shortId}` : ""}: ${issue.title}`,
    data: { issueId: issue.id, level: issue.level, environment: issue.environment },
  };
}

/** Pure: a metric alert's change; "resolved" resolves what its critical or warning opened. */
export function metricAlertAlert(change: { incidentId: string; title: string; status: string; projects: string[] }): AlertEventInput | null {
  if (change.status !== "critical" && change.status !== "warning" && change.status !== "resolved") return null;
  return {
    type: "metric_alert",
    groupKey: `metric-alert:${change.incidentId}`,
    severity: change.status === "critical" ? "critical" : change.status === "warning" ? "warning" : "info",
    tier: null,
    resolves: change.status === "resolved",
    title: change.title,
    data: { incidentId: change.incidentId, status: change.status, projects: change.projects },
  };
}
