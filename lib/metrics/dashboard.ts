import { getDb } from "@/lib/db";
import { listMonitors } from "@/lib/monitors";
import { DASHBOARD_RANGES, denseSeries, rangeWindow, successRate, type DashboardRange, type RangeWindow } from "./range";

export const ISSUE_LEVELS = ["fatal", "error", "warning", "info", "debug"] as const;
export const FINISHED_JOB_STATUSES = ["succeeded", "failed", "timed_out", "cancelled"] as const;
export const CHECK_IN_STATUSES = ["ok", "error", "missed", "timeout", "in_progress"] as const;

type IssueLevel = (typeof ISSUE_LEVELS)[number];

export interface Dashboard {
  range: DashboardRange;
  from: string;
  to: string;
  bucketMs: number;
  issues: {
    unresolvedByLevel: Record<IssueLevel, number>;
    unresolved: number;
    /** Whether any issue exists (the empty state's question; cheaper than a count). */
    any: boolean;
    newInRange: number;
    top: { id: string; title: string; level: string; count: string; lastSeen: string | null }[];
    perBucket: ({ at: string } & Record<IssueLevel, number>)[];
  };
  jobs: {
    running: number;
    queued: number;
    awaitingApproval: number;
    failedInRange: number;
    succeededInRange: number;
    successRate: number | null;
    any: boolean;
    perBucket: ({ at: string } & Record<(typeof FINISHED_JOB_STATUSES)[number], number>)[];
    byScript: { script: string; succeeded: number; failed: number; successRate: number | null }[];
  };
  mttr: { at: string; autoMedianMinutes: number | null; manualMedianMinutes: number | null; autoResolved: number; manualResolved: number }[];
  workers: {
    monitors: { slug: string; name: string; status: string; uptime24h: number | null; lastCheckInAt: string | null; openIncident: string | null }[];
    workersSeen: number;
    checkIns: { slug: string; points: ({ at: string } & Record<(typeof CHECK_IN_STATUSES)[number], number>)[] }[];
  };
  infrastructure: { checks: number; up: number; down: number; unknown: number; averageLatencyMs: number | null };
  setup: { rules: number };
}

const seconds = (window: RangeWindow) => window.bucketMs / 1000;

/**
 * Everything the overview shows for a range, in one round of grouped queries. Each query is a
 * GROUP BY over an indexed time or status column (firstSeen, finishedAt, startedAt, status),
 * bucketed by PostgreSQL's date_bin on the same epoch-aligned edges as rangeWindow().
 */
export async function getDashboard(range: DashboardRange, now: Date = new Date()): Promise<Dashboard> {
  const db = await getDb();
  const window = rangeWindow(range, now);
  const { from } = window;
  const dayAgo = new Date(now.getTime() - 86_400_000);
  // MTTR is a daily trend: at least a week of days, even for the short ranges.
  const mttrWindow = rangeWindow(DASHBOARD_RANGES[range].spanMs >= 7 * 86_400_000 ? range : "7d", now);
  const mttrDays = { ...mttrWindow, bucketMs: 86_400_000, buckets: daysOf(mttrWindow, now) };

  const [issueLevels, anyIssue, newIssues, topIssues, issueBuckets, jobStates, anyJob, finishedJobs, mttrRows, workerMonitors, workersSeen, checkInRows, healthStates, latency, rules] = await Promise.all([
    db.$queryRaw<{ level: IssueLevel; count: number }[]>`SELECT level::text AS level, count(*)::int AS count FROM "Issue" WHERE status = 'unresolved' GROUP BY 1`,
    // Existence, not a count: the panels only need to know whether to show their empty state.
    db.issue.findFirst({ select: { id: true } }),
    db.issue.count({ where: { firstSeen: { gte: from } } }),
    db.issue.findMany({ where: { status: "unresolved", lastSeen: { gte: from } }, orderBy: [{ count: "desc" }], take: 5, select: { id: true, title: true, level: true, count: true, lastSeen: true } }),
    db.$queryRaw<{ bucket: Date; key: string; count: number }[]>`
      SELECT date_bin(make_interval(secs => ${seconds(window)}), "firstSeen", TIMESTAMPTZ 'epoch') AS bucket, level::text AS key, count(*)::int AS count
        FROM "Issue" WHERE "firstSeen" >= ${from} GROUP BY 1, 2`,
    db.$queryRaw<{ status: string; count: number }[]>`SELECT status::text AS status, count(*)::int AS count FROM "RemediationJob" WHERE status IN ('running', 'queued', 'awaiting_approval') GROUP BY 1`,
    db.remediationJob.findFirst({ select: { id: true } }),
    // One pass over the range's finished jobs serves the chart, the totals and the per-script rates.
    db.$queryRaw<{ bucket: Date; status: string; script: string; count: number }[]>`
      SELECT date_bin(make_interval(secs => ${seconds(window)}), "finishedAt", TIMESTAMPTZ 'epoch') AS bucket, status::text AS status, script, count(*)::int AS count
        FROM "RemediationJob" WHERE "finishedAt" >= ${from} GROUP BY 1, 2, 3`,
    // Auto-remediated: a job for the issue succeeded before it was resolved.
    db.$queryRaw<{ bucket: Date; auto: boolean; median: number | null; count: number }[]>`
      SELECT date_bin(INTERVAL '1 day', i."resolvedAt", TIMESTAMPTZ 'epoch') AS bucket,
             EXISTS (SELECT 1 FROM "RemediationJob" j WHERE j."issueId" = i.id AND j.status = 'succeeded' AND j."finishedAt" <= i."resolvedAt") AS auto,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i."resolvedAt" - i."firstSeen")) / 60 AS median,
             count(*)::int AS count
        FROM "Issue" i
       WHERE i.status = 'resolved' AND i."resolvedAt" >= ${mttrDays.buckets[0]!} AND i."firstSeen" IS NOT NULL
       GROUP BY 1, 2`,
    listMonitors(now, { kind: "worker" }),
    db.worker.count({ where: { lastSeenAt: { gt: dayAgo } } }),
    db.$queryRaw<{ slug: string; bucket: Date; key: string; count: number }[]>`
      SELECT m.slug, date_bin(make_interval(secs => ${seconds(window)}), c."startedAt", TIMESTAMPTZ 'epoch') AS bucket, c.status::text AS key, count(*)::int AS count
        FROM "MonitorCheckIn" c JOIN "Monitor" m ON m.id = c."monitorId"
       WHERE m.kind = 'worker' AND c."startedAt" >= ${from} GROUP BY 1, 2, 3`,
    db.$queryRaw<{ state: string; count: number }[]>`SELECT state::text AS state, count(*)::int AS count FROM "HealthCheck" WHERE enabled GROUP BY 1`,
    db.$queryRaw<{ average: number | null }[]>`SELECT avg("latencyMs")::float AS average FROM "HealthSample" WHERE ok AND "createdAt" >= ${from}`,
    db.remediationRule.count({ where: { deletedAt: null } }),
  ]);

  const levelCount = Object.fromEntries(ISSUE_LEVELS.map((level) => [level, issueLevels.find((row) => row.level === level)?.count ?? 0])) as Record<IssueLevel, number>;
  const jobState = (status: string) => jobStates.find((row) => row.status === status)?.count ?? 0;
  const finishedCount = (...statuses: string[]) => finishedJobs.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row.count, 0);
  const succeededInRange = finishedCount("succeeded");
  const failedInRange = finishedCount("failed", "timed_out");
  const healthState = (state: string) => healthStates.find((row) => row.state === state)?.count ?? 0;

  return {
    range,
    from: from.toISOString(),
    to: now.toISOString(),
    bucketMs: window.bucketMs,
    issues: {
      unresolvedByLevel: levelCount,
      unresolved: Object.values(levelCount).reduce((sum, count) => sum + count, 0),
      any: anyIssue !== null,
      newInRange: newIssues,
      top: topIssues.map((issue) => ({ id: issue.id, title: issue.title, level: issue.level, count: issue.count.toString(), lastSeen: issue.lastSeen?.toISOString() ?? null })),
      perBucket: denseSeries(window, ISSUE_LEVELS, issueBuckets),
    },
    jobs: {
      running: jobState("running"),
      queued: jobState("queued"),
      awaitingApproval: jobState("awaiting_approval"),
      failedInRange,
      succeededInRange,
      successRate: successRate(succeededInRange, failedInRange),
      any: anyJob !== null,
      perBucket: denseSeries(window, FINISHED_JOB_STATUSES, finishedJobs.map((row) => ({ bucket: row.bucket, key: row.status, count: row.count }))),
      byScript: scriptRates(finishedJobs),
    },
    mttr: mttrDays.buckets.map((day) => {
      const of = (auto: boolean) => mttrRows.find((row) => row.bucket.getTime() === day.getTime() && row.auto === auto);
      const round = (value: number | null | undefined) => (value == null ? null : Math.round(Number(value) * 10) / 10);
      return { at: day.toISOString(), autoMedianMinutes: round(of(true)?.median), manualMedianMinutes: round(of(false)?.median), autoResolved: of(true)?.count ?? 0, manualResolved: of(false)?.count ?? 0 };
    }),
    workers: {
      monitors: workerMonitors.map((monitor) => ({ slug: monitor.slug, name: monitor.name, status: monitor.status, uptime24h: monitor.uptime24h.ratio, lastCheckInAt: monitor.lastCheckInAt, openIncident: monitor.openIncident?.reason ?? null })),
      workersSeen,
      checkIns: workerMonitors.map((monitor) => ({ slug: monitor.slug, points: denseSeries(window, CHECK_IN_STATUSES, checkInRows.filter((row) => row.slug === monitor.slug)) })),
    },
    infrastructure: { checks: healthState("up") + healthState("down") + healthState("unknown"), up: healthState("up"), down: healthState("down"), unknown: healthState("unknown"), averageLatencyMs: latency[0]?.average == null ? null : Math.round(latency[0].average) },
    setup: { rules },
  };
}

/** Success per script over the range, the scripts with most finished runs first (at most 12). */
function scriptRates(rows: { status: string; script: string; count: number }[]): Dashboard["jobs"]["byScript"] {
  const byScript = new Map<string, { succeeded: number; failed: number }>();
  for (const row of rows) {
    const entry = byScript.get(row.script) ?? { succeeded: 0, failed: 0 };
    if (row.status === "succeeded") entry.succeeded += row.count;
    else if (row.status === "failed" || row.status === "timed_out") entry.failed += row.count;
    byScript.set(row.script, entry);
  }
  return [...byScript.entries()]
    .filter(([, entry]) => entry.succeeded + entry.failed > 0)
    .sort(([nameA, a], [nameB, b]) => b.succeeded + b.failed - (a.succeeded + a.failed) || nameA.localeCompare(nameB))
    .slice(0, 12)
    .map(([script, entry]) => ({ script, ...entry, successRate: successRate(entry.succeeded, entry.failed) }));
}

function daysOf(window: RangeWindow, now: Date): Date[] {
  const today = Math.floor(now.getTime() / 86_400_000) * 86_400_000;
  const count = Math.max(1, Math.round((now.getTime() - window.from.getTime()) / 86_400_000));
  return Array.from({ length: count }, (_, index) => new Date(today - (count - 1 - index) * 86_400_000));
}
