import { getSql } from "@/lib/db";
import { readIssueChanged } from "@/lib/issues";
import { announceOutboxEvents, type OutboxHandler } from "@/lib/outbox";
import { readMetricAlertChanged } from "@/lib/sentry";
import { raiseAlertEvent } from "./events";
import type { AlertMatch } from "./match";
import { issueCreatedAlert, metricAlertAlert } from "./sentry-events";

const ROUTE_CACHE_MS = 10_000;
let routeCache: { at: number; matches: AlertMatch[] } | null = null;

/**
 * Whether any enabled route takes issue.created at all, cached for a few seconds: a webhook
 * storm creates an issue per delivery, and without a route for them an event row and a
 * transaction per issue would only slow the drain down.
 */
async function issueRoutesExist(): Promise<boolean> {
  if (!routeCache || Date.now() - routeCache.at > ROUTE_CACHE_MS) {
    const sql = await getSql();
    const rows = await sql.query<{ match: AlertMatch }>(`SELECT "match" FROM "AlertRoute" WHERE "enabled"`);
    routeCache = { at: Date.now(), matches: rows.map((row) => row.match) };
  }
  return routeCache.matches.some((match) => !match.types || match.types.includes("issue.created"));
}

/** Tests that add routes call this so the next issue sees them. */
export function forgetAlertRoutesForTests(): void {
  routeCache = null;
}

/**
 * The alerts' outbox consumer: a new Sentry issue and a metric alert's change become alert
 * events, keyed by the outbox event so a retried handling raises each once.
 */
export function alertsOutboxHandler(): OutboxHandler {
  return async (event) => {
    const sourceKey = `outbox:${event.id}`;
    if (event.topic === "issue.changed") {
      const { issue, change } = readIssueChanged(event.payload);
      if (change.kind !== "created" || !(await issueRoutesExist())) return;
      await (await getSql()).transaction((tx) => raiseAlertEvent(tx, { ...issueCreatedAlert(issue), sourceKey }));
      announceOutboxEvents();
    } else if (event.topic === "metric_alert.changed") {
      const alert = metricAlertAlert(readMetricAlertChanged(event.payload));
      if (!alert) return;
      await (await getSql()).transaction((tx) => raiseAlertEvent(tx, { ...alert, sourceKey }));
      announceOutboxEvents();
    }
  };
}
