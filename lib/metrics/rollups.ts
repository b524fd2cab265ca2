import { getSql, type SqlStatements } from "@/lib/db";
import type { RangeWindow } from "./range";
import { nextRollupStep, rollupCutoff, rollupOrigin, splitFinishedJobs, type RollupMark } from "./rollup-plan";

/**
 * The hourly rollup of finished jobs (JobHourlyRollup) and its watermark, an AppSetting row
 * `{ origin, through }`: the rollup holds exactly the jobs with origin <= finishedAt < through.
 * The worker tick keeps it up to date; an overview request that finds it behind (no worker
 * running, a fresh install) moves it one bounded step itself.
 */
const MARK_KEY = "metrics.jobRollup";

/**
 * Jobs one step rolls up at most: about 30 ms on PostgreSQL and 100 ms on PGlite (2 cores),
 * what an overview request that finds the rollup behind may spend on it; the tick takes as
 * many steps as its budget allows. PGlite runs one transaction at a time, so a step must stay
 * short there too.
 */
const STEP_JOBS = 50_000;

export interface JobRollupStep {
  mark: RollupMark;
  caughtUp: boolean;
}

async function readMark(sql: SqlStatements): Promise<RollupMark | null> {
  const [row] = await sql.query<{ value: { origin?: unknown; through?: unknown } | null }>(`SELECT "value" FROM "AppSetting" WHERE "key" = $1`, [MARK_KEY]);
  const origin = typeof row?.value?.origin === "string" ? new Date(row.value.origin) : null;
  const through = typeof row?.value?.through === "string" ? new Date(row.value.through) : null;
  if (!origin || !through || Number.isNaN(origin.getTime()) || Number.isNaN(through.getTime())) return null;
  return { origin, through };
}

const markJson = (mark: RollupMark) => JSON.stringify({ origin: mark.origin.toISOString(), through: mark.through.toISOString() });

/**
 * Rolls up the next final hours after the watermark (about `maxJobs` jobs at most) and moves
 * the watermark in the same transaction, so the rollup and its watermark always agree. One
 * roller at a time (advisory lock): null when another holds it — callers go on with the
 * watermark they read, which stays valid: a step writes only hours at or above the stored
 * watermark (after a lost watermark, hours it rewrites get the same counts again).
 */
export async function rollUpFinishedJobs(now: Date, maxJobs: number): Promise<JobRollupStep | null> {
  const sql = await getSql();
  return sql.transaction(async (tx) => {
    const [lock] = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS "locked"`, [MARK_KEY]);
    if (!lock?.locked) return null;
    let mark = await readMark(tx);
    if (!mark) {
      // First run, or a watermark that cannot be read: start (again) with nothing rolled up.
      // Each step recomputes its hours from scratch, so rows left from before do no harm.
      const origin = rollupOrigin(now);
      mark = { origin, through: origin };
      await tx.execute(
        `INSERT INTO "AppSetting" ("key", "value", "updatedAt") VALUES ($1, $2::jsonb, $3)
         ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"`,
        [MARK_KEY, markJson(mark), now],
      );
    }
    const cutoff = rollupCutoff(now);
    if (mark.through >= cutoff) return { mark, caughtUp: true };
    const [limit] = await tx.query<{ finishedAt: Date }>(
      `SELECT "finishedAt" FROM "RemediationJob" WHERE "finishedAt" >= $1 AND "finishedAt" < $2 ORDER BY "finishedAt" OFFSET $3 LIMIT 1`,
      [mark.through, cutoff, maxJobs],
    );
    const step = nextRollupStep(mark, cutoff, limit?.finishedAt ?? null);
    if (!step) return { mark, caughtUp: true };
    await tx.execute(`DELETE FROM "JobHourlyRollup" WHERE "hour" >= $1 AND "hour" < $2`, [step.from, step.to]);
    await tx.execute(
      `INSERT INTO "JobHourlyRollup" ("hour", "script", "status", "count")
       SELECT date_bin(INTERVAL '1 hour', "finishedAt", TIMESTAMPTZ 'epoch'), "script", "status", count(*)::int
         FROM "RemediationJob" WHERE "finishedAt" >= $1 AND "finishedAt" < $2 GROUP BY 1, 2, 3`,
      [step.from, step.to],
    );
    const moved: RollupMark = { origin: mark.origin, through: step.to };
    // Conditional on the watermark read above: a roller that bypassed the lock fails here, and
    // the transaction, its rows included, is rolled back.
    const updated = await tx.execute(`UPDATE "AppSetting" SET "value" = $2::jsonb, "updatedAt" = $3 WHERE "key" = $1 AND "value"->>'through' = $4`, [
      MARK_KEY,
      markJson(moved),
      now,
      mark.through.toISOString(),
    ]);
    if (updated !== 1) throw new Error("The job rollup's watermark moved during a rollup step.");
    return { mark: moved, caughtUp: step.to >= cutoff };
  });
}

/**
 * The watermark an overview request reads with: as stored, after one bounded step of its own
 * when the stored one lags behind the final hours (null: nothing rolled up, read raw).
 */
export async function jobRollupMark(now: Date): Promise<RollupMark | null> {
  const mark = await readMark(await getSql());
  if (mark && mark.through >= rollupCutoff(now)) return mark;
  return (await rollUpFinishedJobs(now, STEP_JOBS))?.mark ?? mark;
}

/** The worker tick's part: rolls up every final hour, step by step, while its budget lasts. */
export async function catchUpJobRollup(now: Date, deadlineAt: number): Promise<{ steps: number; through: string | null; caughtUp: boolean }> {
  let steps = 0;
  let last: JobRollupStep | null = null;
  while (Date.now() < deadlineAt) {
    const step = await rollUpFinishedJobs(now, STEP_JOBS);
    if (!step) break;
    steps += 1;
    last = step;
    if (step.caughtUp) break;
  }
  return { steps, through: last?.mark.through.toISOString() ?? null, caughtUp: last?.caughtUp ?? false };
}

export interface FinishedJobsRow {
  bucket: Date;
  status: string;
  script: string;
  count: number;
}

/**
 * A window's finished jobs by bucket, status and script: whole hours from the rollup (below the
 * watermark), the rest raw (after the watermark; before its origin; all of a range with
 * sub-hour buckets, or all when `mark` is null). Together exactly the jobs with
 * finishedAt >= from, as one raw query counts them.
 */
export async function finishedJobsByBucket(window: Pick<RangeWindow, "from" | "bucketMs">, mark: RollupMark | null): Promise<FinishedJobsRow[]> {
  const { rollup, raw } = splitFinishedJobs(window, mark);
  const params: unknown[] = [window.bucketMs / 1000];
  const param = (value: unknown) => `$${params.push(value)}`;
  const parts = raw.map(
    (span) => `SELECT "finishedAt" AS at, status, script, 1 AS count FROM "RemediationJob" WHERE "finishedAt" >= ${param(span.from)}${span.to ? ` AND "finishedAt" < ${param(span.to)}` : ""}`,
  );
  if (rollup) parts.push(`SELECT hour AS at, status, script, count FROM "JobHourlyRollup" WHERE hour >= ${param(rollup.from)} AND hour < ${param(rollup.to)}`);
  const sql = await getSql();
  return sql.query<FinishedJobsRow>(
    `SELECT bucket, status::text AS status, script, count::int AS count FROM (
       SELECT date_bin(make_interval(secs => $1), at, TIMESTAMPTZ 'epoch') AS bucket, status, script, sum(count) AS count
         FROM (${parts.join(" UNION ALL ")}) AS finished GROUP BY 1, 2, 3) AS grouped`,
    params,
  );
}
