import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

export interface OverviewSummary {
  issues: { unresolved: number; total: number };
  jobs: { running: number; queued: number; awaitingApproval: number; failed24h: number; total: number };
  workers: { monitors: number; failing: number; workersSeen: number };
  infrastructure: { checks: number; down: number };
  setup: { databaseKind: "postgres" | "embedded"; users: number; apiTokens: number; rules: number };
}

/** The counts behind the overview panels; each is one indexed count. */
export async function getOverviewSummary(now: Date = new Date()): Promise<OverviewSummary> {
  const db = await getDb();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [unresolved, issues, running, queued, awaitingApproval, failed24h, jobs, monitors, failing, workersSeen, checks, down, users, apiTokens, rules] =
    await Promise.all([
      db.issue.count({ where: { status: "unresolved" } }),
      db.issue.count(),
      db.remediationJob.count({ where: { status: "running" } }),
      db.remediationJob.count({ where: { status: "queued" } }),
      db.remediationJob.count({ where: { status: "awaiting_approval" } }),
      db.remediationJob.count({ where: { status: { in: ["failed", "timed_out"] }, finishedAt: { gt: dayAgo } } }),
      db.remediationJob.count(),
      db.monitor.count(),
      db.monitor.count({ where: { status: { in: ["error", "missed", "timeout"] } } }),
      db.worker.count({ where: { lastSeenAt: { gt: dayAgo } } }),
      db.healthCheck.count(),
      db.healthCheck.count({ where: { state: "down", enabled: true } }),
      db.user.count({ where: { disabledAt: null } }),
      db.apiToken.count({ where: { revokedAt: null } }),
      db.remediationRule.count({ where: { deletedAt: null } }),
    ]);
  return {
    issues: { unresolved, total: issues },
    jobs: { running, queued, awaitingApproval, failed24h, total: jobs },
    workers: { monitors, failing, workersSeen },
    infrastructure: { checks, down },
    setup: { databaseKind: getConfig().database.kind, users, apiTokens, rules },
  };
}

export type Section = "jobs" | "rules" | "workers" | "health";

/** The one count a section page's empty state shows (the overview runs all of them). */
export async function countSection(section: Section, now: Date = new Date()): Promise<number> {
  const db = await getDb();
  switch (section) {
    case "jobs":
      return db.remediationJob.count();
    case "rules":
      return db.remediationRule.count({ where: { deletedAt: null } });
    case "workers":
      return db.worker.count({ where: { lastSeenAt: { gt: new Date(now.getTime() - 86_400_000) } } });
    case "health":
      return db.healthCheck.count();
  }
}

export { getDashboard, ISSUE_LEVELS, FINISHED_JOB_STATUSES, type Dashboard } from "./dashboard";
export { DASHBOARD_RANGES, DEFAULT_RANGE, isDashboardRange, overviewQuery, rangeWindow, type DashboardRange } from "./range";
export { getLoopMetrics, getRuleLoopFigures, refreshLoopSnapshot, type LoopMetrics, type LoopFigures } from "./loop";
export { LOOP_SNAPSHOT_REFRESH_MS } from "./loop-refresh";
export { catchUpJobRollup } from "./rollups";
