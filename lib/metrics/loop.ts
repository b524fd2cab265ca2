import { getSql } from "@/lib/db";
import { LOOP_SNAPSHOT_REFRESH_MS } from "./loop-refresh";
import { rangeWindow, successRate, type DashboardRange } from "./range";

/** How well remediation closes the loop, for one script, one rule, or everything. */
export interface LoopFigures {
  finished: number;
  succeeded: number;
  failed: number;
  /** Successes that resolved their issue and were then judged. */
  verified: number;
  ineffective: number;
  resolveFailed: number;
  /** Still resolving or inside the quiet window. */
  pending: number;
  successRate: number | null;
  /** Of the issues these jobs acted on, the share a verified remediation fixed. */
  autoRemediationRate: number | null;
  /** verified / (verified + ineffective): did the fixes hold? */
  effectiveness: number | null;
  /** Median from the issue being detected to the job succeeding. */
  medianTimeToRemediateSeconds: number | null;
  /** Median from the issue being detected to a remediation resolving it (verified ones). */
  medianTimeToResolveSeconds: number | null;
}

export interface LoopMetrics {
  range: DashboardRange;
  from: string;
  /** When these figures were computed: the long ranges are served from a periodic snapshot. */
  computedAt: string;
  total: LoopFigures;
  byScript: ({ script: string } & LoopFigures)[];
  byRule: ({ ruleId: string | null; ruleName: string | null } & LoopFigures)[];
}

type Row = Pick<LoopFigures, "finished" | "succeeded" | "failed" | "verified" | "ineffective" | "resolveFailed" | "pending"> & {
  set: "script" | "rule" | "total";
  script: string | null;
  ruleId: string | null;
  ruleName: string | null;
  issues: number;
  issuesFixed: number;
  ttrSeconds: number | null;
  mttrSeconds: number | null;
};

const wholeSeconds = (seconds: number | null) => (seconds === null ? null : Math.round(Number(seconds)));

const snapshotKey = (range: DashboardRange) => `metrics.loop.${range}`;
const computing = new Map<DashboardRange, Promise<LoopMetrics>>();

/**
 * The effectiveness figures for a range: live for the last hour, else the snapshot when it is
 * at most twice its refresh interval old (the tick keeps it fresher), else computed now and
 * stored — once per process at a time, however many requests ask.
 */
export async function getLoopMetrics(range: DashboardRange, now: Date = new Date()): Promise<LoopMetrics> {
  const refreshMs = LOOP_SNAPSHOT_REFRESH_MS[range];
  if (refreshMs === 0) return computeLoopMetrics(range, now);
  const snapshot = await readSnapshot(range);
  if (snapshot && now.getTime() - Date.parse(snapshot.computedAt) <= 2 * refreshMs) return snapshot;
  return refreshLoopSnapshot(range, now);
}

/**
 * Computes and stores a range's snapshot: the tick's `loop-metrics-<range>` tasks, once per
 * refresh period, and a request that found it too old. Once per process at a time.
 */
export function refreshLoopSnapshot(range: DashboardRange, now: Date): Promise<LoopMetrics> {
  const running = computing.get(range);
  if (running) return running;
  const work = (async () => {
    const metrics = await computeLoopMetrics(range, now);
    const sql = await getSql();
    await sql.execute(
      `INSERT INTO "AppSetting" ("key", "value", "updatedAt") VALUES ($1, $2::jsonb, $3)
       ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"`,
      [snapshotKey(range), JSON.stringify(metrics), now],
    );
    return metrics;
  })().finally(() => computing.delete(range));
  computing.set(range, work);
  return work;
}

async function readSnapshot(range: DashboardRange): Promise<LoopMetrics | null> {
  const sql = await getSql();
  const [row] = await sql.query<{ value: LoopMetrics }>(`SELECT "value" FROM "AppSetting" WHERE "key" = $1`, [snapshotKey(range)]);
  return row?.value && typeof row.value.computedAt === "string" ? row.value : null;
}

/**
 * Per script and per rule over the jobs that finished in the range, in one grouped pass
 * (GROUPING SETS): runs, the loop's verdicts, and the medians an operator compares scripts by.
 * Manual runs are the rule group with no rule.
 */
async function computeLoopMetrics(range: DashboardRange, now: Date): Promise<LoopMetrics> {
  const { from } = rangeWindow(range, now);
  const rows = await loopRows(from);
  const busiestFirst = <T extends { finished: number }>(items: T[]) => items.sort((a, b) => b.finished - a.finished).slice(0, 20);
  return {
    range,
    from: from.toISOString(),
    computedAt: now.toISOString(),
    total: figures(rows.find((row) => row.set === "total")),
    byScript: busiestFirst(rows.filter((row) => row.set === "script").map((row) => ({ script: row.script!, ...figures(row) }))),
    byRule: busiestFirst(rows.filter((row) => row.set === "rule").map((row) => ({ ruleId: row.ruleId, ruleName: row.ruleName, ...figures(row) }))),
  };
}

/** One rule's figures over the range, for its page. */
export async function getRuleLoopFigures(ruleId: string, range: DashboardRange, now: Date = new Date()): Promise<LoopFigures> {
  const rows = await loopRows(rangeWindow(range, now).from, ruleId);
  return figures(rows.find((row) => row.set === "total"));
}

async function loopRows(from: Date, ruleId?: string): Promise<Row[]> {
  const sql = await getSql();
  return sql.query<Row>(
    `SELECT CASE WHEN GROUPING(j."script") = 0 THEN 'script' WHEN GROUPING(j."ruleId") = 0 THEN 'rule' ELSE 'total' END AS "set",
            j."script", j."ruleId", max(r."name") AS "ruleName",
            count(*)::int AS "finished",
            count(*) FILTER (WHERE j."status" = 'succeeded')::int AS "succeeded",
            count(*) FILTER (WHERE j."status" IN ('failed', 'timed_out'))::int AS "failed",
            count(*) FILTER (WHERE j."verification" = 'verified')::int AS "verified",
            count(*) FILTER (WHERE j."verification" = 'ineffective')::int AS "ineffective",
            count(*) FILTER (WHERE j."verification" = 'resolve_failed')::int AS "resolveFailed",
            count(*) FILTER (WHERE j."verification" IN ('resolving', 'verifying'))::int AS "pending",
            count(DISTINCT j."issueId")::int AS "issues",
            count(DISTINCT j."issueId") FILTER (WHERE j."verification" = 'verified')::int AS "issuesFixed",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM j."finishedAt" - COALESCE(i."firstSeen", i."createdAt")))
              FILTER (WHERE j."status" = 'succeeded' AND i."id" IS NOT NULL) AS "ttrSeconds",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM j."issueResolvedAt" - COALESCE(i."firstSeen", i."createdAt")))
              FILTER (WHERE j."verification" = 'verified') AS "mttrSeconds"
       FROM "RemediationJob" j
       LEFT JOIN "Issue" i ON i."id" = j."issueId"
       LEFT JOIN "RemediationRule" r ON r."id" = j."ruleId"
      WHERE j."finishedAt" >= $1 AND j."status" IN ('succeeded', 'failed', 'timed_out', 'cancelled') ${ruleId ? `AND j."ruleId" = $2` : ""}
      GROUP BY GROUPING SETS ((j."script"), (j."ruleId"), ())`,
    ruleId ? [from, ruleId] : [from],
  );
}

function figures(row: Row | undefined): LoopFigures {
  if (!row) return { finished: 0, succeeded: 0, failed: 0, verified: 0, ineffective: 0, resolveFailed: 0, pending: 0, successRate: null, autoRemediationRate: null, effectiveness: null, medianTimeToRemediateSeconds: null, medianTimeToResolveSeconds: null };
  return {
    finished: row.finished,
    succeeded: row.succeeded,
    failed: row.failed,
    verified: row.verified,
    ineffective: row.ineffective,
    resolveFailed: row.resolveFailed,
    pending: row.pending,
    successRate: successRate(row.succeeded, row.failed),
    autoRemediationRate: row.issues > 0 ? row.issuesFixed / row.issues : null,
    effectiveness: successRate(row.verified, row.ineffective),
    medianTimeToRemediateSeconds: wholeSeconds(row.ttrSeconds),
    medianTimeToResolveSeconds: wholeSeconds(row.mttrSeconds),
  };
}
