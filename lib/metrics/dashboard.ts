import { getSql } from "@/lib/db";
import { displayedStatus, uptimeFrom, type CheckInStatus, type MonitorStatus } from "@/lib/monitors";
import { DASHBOARD_RANGES, denseSeries, rangeWindow, successRate, type DashboardRange, type RangeWindow } from "./range";
import { HOUR_MS, wholeHoursWithin } from "./rollup-plan";
import { finishedJobsByBucket, jobRollupMark } from "./rollups";

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

interface Counts {
  unresolvedByLevel: Record<string, number>;
  anyIssue: boolean;
  jobStates: Record<string, number>;
  anyJob: boolean;
  workersSeen: number;
  healthStates: Record<string, number>;
  averageLatencyMs: number | null;
  rules: number;
}

/**
 * Everything the overview shows for a range, in one round of queries that read rollups or
 * indexes rather than the range's rows: finished jobs from the hourly rollup (rollups.ts) plus
 * the raw jobs after its watermark, worker check-ins from their trigger-kept hourly rollup,
 * issues and times to resolve from covering indexes (index-only scans). Buckets have the
 * epoch-aligned edges of rangeWindow(), by date_bin or by one index range per bucket.
 * Measured with `npm run bench:dashboard` (README, Performance).
 */
export async function getDashboard(range: DashboardRange, now: Date = new Date()): Promise<Dashboard> {
  const sql = await getSql();
  const window = rangeWindow(range, now);
  const { from } = window;
  const dayAgo = new Date(now.getTime() - 86_400_000);
  // MTTR is a daily trend: at least a week of days, even for the short ranges.
  const mttrWindow = rangeWindow(DASHBOARD_RANGES[range].spanMs >= 7 * 86_400_000 ? range : "7d", now);
  const mttrDays = { ...mttrWindow, bucketMs: 86_400_000, buckets: daysOf(mttrWindow, now) };
  const hourly = window.bucketMs % HOUR_MS === 0;

  const [counts, topIssues, issueBuckets, finishedJobs, mttrRows, monitors, checkInRows] = await Promise.all([
    // The panels' small figures in one statement. Groups are counted by the enum and cast once
    // per group (casting every row to text costs more than the count); existence rather than a
    // count where the panels only ask whether to show their empty state.
    sql.query<Counts>(
      `SELECT (SELECT coalesce(json_object_agg(level, count), '{}') FROM (SELECT level, count(*)::int AS count FROM "Issue" WHERE status = 'unresolved' GROUP BY level) AS l) AS "unresolvedByLevel",
              EXISTS (SELECT 1 FROM "Issue") AS "anyIssue",
              (SELECT coalesce(json_object_agg(status, count), '{}') FROM (SELECT status, count(*)::int AS count FROM "RemediationJob" WHERE status IN ('running', 'queued', 'awaiting_approval') GROUP BY status) AS s) AS "jobStates",
              EXISTS (SELECT 1 FROM "RemediationJob") AS "anyJob",
              (SELECT count(*)::int FROM "Worker" WHERE "lastSeenAt" > $1) AS "workersSeen",
              (SELECT coalesce(json_object_agg(state, count), '{}') FROM (SELECT state, count(*)::int AS count FROM "HealthCheck" WHERE enabled GROUP BY state) AS h) AS "healthStates",
              (SELECT avg("latencyMs")::float FROM "HealthSample" WHERE ok AND "createdAt" >= $2) AS "averageLatencyMs",
              (SELECT count(*)::int FROM "RemediationRule" WHERE "deletedAt" IS NULL) AS rules`,
      [dayAgo, from],
    ),
    sql.query<{ id: string; title: string; level: string; count: string; lastSeen: Date | null }>(
      `SELECT i.id, i.title, i.level::text AS level, i.count::text AS count, i."lastSeen" FROM "Issue" i
        WHERE i.status = 'unresolved' AND i."lastSeen" >= $1 ORDER BY i.count DESC LIMIT 5`,
      [from],
    ),
    // Per bucket, one range of the (firstSeen, level) index counted by level: no per-row bucket
    // arithmetic, no grouping of the whole range. The totals are also the range's new issues.
    sql.query<{ bucket: Date; total: number } & Record<IssueLevel, number>>(
      `SELECT b.start AS bucket, c.* FROM unnest($1::timestamptz[], $2::timestamptz[]) AS b(start, "end")
         CROSS JOIN LATERAL (SELECT count(*)::int AS total, ${ISSUE_LEVELS.map((level) => `count(*) FILTER (WHERE level = '${level}')::int AS "${level}"`).join(", ")}
                               FROM "Issue" WHERE "firstSeen" >= b.start AND "firstSeen" < coalesce(b."end", 'infinity')) AS c`,
      bucketSpans(window),
    ),
    // One pass over the range's finished jobs serves the chart, the totals and the per-script rates.
    jobRollupMark(now).then((mark) => finishedJobsByBucket(window, mark)),
    // Per day, one range of the (status, resolvedAt, firstSeen, remediatedAt) index, read
    // alone. Auto-remediated: a job for the issue succeeded at or before it was resolved;
    // Issue.remediatedAt (the first success, kept by a trigger) makes that a column test
    // instead of a join with the jobs. Medians of the intervals themselves: converting each to
    // epoch seconds first costs more.
    sql.query<{ bucket: Date; autoMedian: number | null; manualMedian: number | null; autoResolved: number; manualResolved: number }>(
      `SELECT d.day AS bucket, r.* FROM unnest($1::timestamptz[]) AS d(day)
         CROSS JOIN LATERAL (
           SELECT extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY i."resolvedAt" - i."firstSeen") FILTER (WHERE i."remediatedAt" <= i."resolvedAt"))::float / 60 AS "autoMedian",
                  extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY i."resolvedAt" - i."firstSeen") FILTER (WHERE i."remediatedAt" IS NULL OR i."remediatedAt" > i."resolvedAt"))::float / 60 AS "manualMedian",
                  count(*) FILTER (WHERE i."remediatedAt" <= i."resolvedAt")::int AS "autoResolved",
                  count(*) FILTER (WHERE i."remediatedAt" IS NULL OR i."remediatedAt" > i."resolvedAt")::int AS "manualResolved"
             FROM "Issue" i
            WHERE i.status = 'resolved' AND i."resolvedAt" >= d.day AND i."resolvedAt" < d.day + INTERVAL '1 day' AND i."firstSeen" IS NOT NULL) AS r`,
      [mttrDays.buckets],
    ),
    workerMonitors(now),
    // Hour-wide buckets from the hourly rollup (exact: triggers keep it); the hour range's
    // five-minute buckets from the check-ins themselves, an hour of them.
    hourly
      ? sql.query<{ slug: string; bucket: Date; key: string; count: number }>(
          `SELECT slug, bucket, status::text AS key, count::int AS count FROM (
             SELECT m.slug, date_bin(make_interval(secs => $1), c.hour, TIMESTAMPTZ 'epoch') AS bucket, c.status, sum(c.count) AS count
               FROM "CheckInHourlyRollup" c JOIN "Monitor" m ON m.id = c."monitorId"
              WHERE m.kind = 'worker' AND c.hour >= $2 GROUP BY 1, 2, 3) AS hours`,
          [seconds(window), from],
        )
      : sql.query<{ slug: string; bucket: Date; key: string; count: number }>(
          `SELECT slug, bucket, status::text AS key, count::int AS count FROM (
             SELECT m.slug, date_bin(make_interval(secs => $1), c."startedAt", TIMESTAMPTZ 'epoch') AS bucket, c.status, count(*) AS count
               FROM "MonitorCheckIn" c JOIN "Monitor" m ON m.id = c."monitorId"
              WHERE m.kind = 'worker' AND c."startedAt" >= $2 GROUP BY 1, 2, 3) AS runs`,
          [seconds(window), from],
        ),
  ]);

  const { unresolvedByLevel, jobStates, healthStates } = counts[0]!;
  const levelCount = Object.fromEntries(ISSUE_LEVELS.map((level) => [level, unresolvedByLevel[level] ?? 0])) as Record<IssueLevel, number>;
  const jobState = (status: string) => jobStates[status] ?? 0;
  const finishedCount = (...statuses: string[]) => finishedJobs.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row.count, 0);
  const succeededInRange = finishedCount("succeeded");
  const failedInRange = finishedCount("failed", "timed_out");
  const healthState = (state: string) => healthStates[state] ?? 0;
  const { anyIssue, anyJob, workersSeen, rules, averageLatencyMs } = counts[0]!;

  return {
    range,
    from: from.toISOString(),
    to: now.toISOString(),
    bucketMs: window.bucketMs,
    issues: {
      unresolvedByLevel: levelCount,
      unresolved: Object.values(levelCount).reduce((sum, count) => sum + count, 0),
      any: anyIssue,
      newInRange: issueBuckets.reduce((sum, row) => sum + row.total, 0),
      top: topIssues.map((issue) => ({ id: issue.id, title: issue.title, level: issue.level, count: issue.count, lastSeen: issue.lastSeen?.toISOString() ?? null })),
      perBucket: denseSeries(window, ISSUE_LEVELS, issueBuckets.flatMap((row) => ISSUE_LEVELS.map((level) => ({ bucket: row.bucket, key: level, count: row[level] })))),
    },
    jobs: {
      running: jobState("running"),
      queued: jobState("queued"),
      awaitingApproval: jobState("awaiting_approval"),
      failedInRange,
      succeededInRange,
      successRate: successRate(succeededInRange, failedInRange),
      any: anyJob,
      perBucket: denseSeries(window, FINISHED_JOB_STATUSES, finishedJobs.map((row) => ({ bucket: row.bucket, key: row.status, count: row.count }))),
      byScript: scriptRates(finishedJobs),
    },
    mttr: mttrDays.buckets.map((day) => {
      const row = mttrRows.find((candidate) => candidate.bucket.getTime() === day.getTime());
      const round = (value: number | null | undefined) => (value == null ? null : Math.round(Number(value) * 10) / 10);
      return { at: day.toISOString(), autoMedianMinutes: round(row?.autoMedian), manualMedianMinutes: round(row?.manualMedian), autoResolved: row?.autoResolved ?? 0, manualResolved: row?.manualResolved ?? 0 };
    }),
    workers: {
      monitors: monitors.map((monitor) => ({
        slug: monitor.slug,
        name: monitor.name,
        status: displayedStatus(monitor, now),
        uptime24h: uptimeFrom(monitor.counts).ratio,
        lastCheckInAt: monitor.lastCheckInAt?.toISOString() ?? null,
        openIncident: monitor.openIncident,
      })),
      workersSeen,
      checkIns: monitors.map((monitor) => ({ slug: monitor.slug, points: denseSeries(window, CHECK_IN_STATUSES, checkInRows.filter((row) => row.slug === monitor.slug)) })),
    },
    infrastructure: { checks: healthState("up") + healthState("down") + healthState("unknown"), up: healthState("up"), down: healthState("down"), unknown: healthState("unknown"), averageLatencyMs: averageLatencyMs === null ? null : Math.round(averageLatencyMs) },
    setup: { rules },
  };
}

/**
 * The worker monitors with what the overview shows of them; the status and the uptime are
 * lib/monitors' own decisions (as its listMonitors makes them), over check-ins counted here
 * from the hourly rollup for the whole hours of the last 24 h and raw for the two part-hours
 * at its ends: a few hundred rows instead of a day's check-ins.
 */
async function workerMonitors(now: Date) {
  const since = new Date(now.getTime() - 86_400_000);
  const hours = wholeHoursWithin(since, now);
  const sql = await getSql();
  return sql.query<{ id: string; slug: string; name: string; status: MonitorStatus; nextExpectedAt: Date | null; checkinMarginMinutes: number; lastCheckInAt: Date | null; openIncident: string | null; counts: Partial<Record<CheckInStatus, number>> }>(
    `SELECT m.id, m.slug, m.name, m.status::text AS status, m."nextExpectedAt", m."checkinMarginMinutes", m."lastCheckInAt",
            (SELECT i.reason FROM "MonitorIncident" i WHERE i."monitorId" = m.id AND i."resolvedAt" IS NULL ORDER BY i."openedAt" DESC LIMIT 1) AS "openIncident",
            (SELECT coalesce(json_object_agg(status, count), '{}') FROM (
               SELECT status, sum(count)::int AS count FROM (
                 SELECT status, 1 AS count FROM "MonitorCheckIn" WHERE "monitorId" = m.id AND "startedAt" >= $1 AND "startedAt" < $2
                 UNION ALL SELECT status, count FROM "CheckInHourlyRollup" WHERE "monitorId" = m.id AND hour >= $2 AND hour < $3
                 UNION ALL SELECT status, 1 FROM "MonitorCheckIn" WHERE "monitorId" = m.id AND "startedAt" >= $3 AND "startedAt" <= $4
               ) AS runs GROUP BY status) AS day) AS counts
       FROM "Monitor" m WHERE m.kind = 'worker' ORDER BY m.slug`,
    [since, hours.from, hours.to, now],
  );
}

/**
 * Each bucket's [start, end) as two arrays for unnest, and after them an open-ended span from
 * the end of the last bucket: rows stamped after now (another instance's clock) are left out
 * of the chart, as date_bin leaves them, but kept in the totals, as `>= from` keeps them.
 */
function bucketSpans(window: RangeWindow): [Date[], (Date | null)[]] {
  const ends = window.buckets.map((bucket) => new Date(bucket.getTime() + window.bucketMs));
  return [[...window.buckets, ends.at(-1)!], [...ends, null]];
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
