import { getSql } from "@/lib/db";
import { subscribeOnce, subscribeToIssueChanges } from "@/lib/issues";
import { subscribeToMetricAlerts } from "@/lib/sentry";
import { announce } from "./events";
import type { AlertMatch } from "./match";
import { issueCreatedAlert, metricAlertAlert } from "./sentry-events";

const ROUTE_CACHE_MS = 10_000;
let routeCache: { at: number; matches: AlertMatch[] } | null = null;

/**
 * Whether any enabled route takes issue.created at all, cached for a few seconds: a webhook
 * storm creates an issue per delivery, and without a route for them an event row and a
 * transaction per issue would only slow the intake down.
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


/** Announces new Sentry issues and metric alert changes (server start, `npm run worker`); once per process. */
export function startAlertWatcher(): () => void {
  return subscribeOnce("alert-watcher", () => {
    const stopIssues = subscribeToIssueChanges(async (issue, change) => {
      if (change.kind === "created" && (await issueRoutesExist())) await announce(issueCreatedAlert(issue));
    });
    const stopAlerts = subscribeToMetricAlerts(async (change) => {
      const alert = metricAlertAlert(change);
      if (alert) await announce(alert);
    });
    return () => {
      stopIssues();
      stopAlerts();
    };
  });
}
