import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { DASHBOARD_RANGES, getDashboard, ISSUE_LEVELS, rangeWindow, type DashboardRange } from "@/lib/metrics";
import { denseSeries } from "@/lib/metrics/range";
import { floorHour } from "@/lib/metrics/rollup-plan";
import { catchUpJobRollup, finishedJobsByBucket, jobRollupMark, rollUpFinishedJobs, type FinishedJobsRow } from "@/lib/metrics/rollups";
import { evaluateMonitors, listMonitors, parseCheckIn, recordCheckIn } from "@/lib/monitors";
import { jobRollupTask } from "@/lib/worker/job-rollup-task";
import { withTestDatabase } from "../support/database";

const testDatabase = withTestDatabase({ truncateEach: true });
const NOW = new Date("2026-11-24T10:42:00Z");
const RANGES = Object.keys(DASHBOARD_RANGES) as DashboardRange[];
const iso = (text: string) => new Date(text);
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

type FinishedStatus = "succeeded" | "failed" | "timed_out" | "cancelled";

/** Finished jobs as the queue leaves them: status, script and the moment they finished. */
async function finishedJobs(jobs: { finishedAt: Date; status?: FinishedStatus; script?: string; startedAt?: Date }[]) {
  await testDatabase().db.remediationJob.createMany({
    data: jobs.map((job, index) => ({
      tier: "nonprod" as const,
      namespace: "default",
      priorityClass: "B" as const,
      script: job.script ?? ["restart-service", "noop", "fix-build-errors"][index % 3]!,
      args: {},
      source: "api" as const,
      submittedByType: "system" as const,
      submittedByLabel: "rollup test",
      status: job.status ?? (["succeeded", "failed", "timed_out", "cancelled"] as const)[index % 4]!,
      createdAt: job.startedAt ?? job.finishedAt,
      startedAt: job.startedAt ?? job.finishedAt,
      finishedAt: job.finishedAt,
    })),
  });
}

const rowKeys = (rows: FinishedJobsRow[]) => rows.map((row) => `${row.bucket.toISOString()} ${row.status} ${row.script} ${row.count}`).sort();

/** Every range's finished jobs through the rollup, next to the same read from the raw jobs alone. */
async function rollupAndRaw(now: Date) {
  const mark = await jobRollupMark(now);
  return Promise.all(
    RANGES.map(async (range) => {
      const window = rangeWindow(range, now);
      return { range, rollup: rowKeys(await finishedJobsByBucket(window, mark)), raw: rowKeys(await finishedJobsByBucket(window, null)) };
    }),
  );
}

async function rollupRows() {
  return testDatabase().sql.query<{ hour: Date; script: string; status: string; count: number }>(`SELECT hour, script, status::text AS status, count FROM "JobHourlyRollup" ORDER BY 1, 2, 3`);
}

async function rawHourlyRows(from: Date, to: Date) {
  return testDatabase().sql.query<{ hour: Date; script: string; status: string; count: number }>(
    `SELECT date_bin(INTERVAL '1 hour', "finishedAt", TIMESTAMPTZ 'epoch') AS hour, script, status::text AS status, count(*)::int AS count
       FROM "RemediationJob" WHERE "finishedAt" >= $1 AND "finishedAt" < $2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [from, to],
  );
}

describe("the hourly job rollup", () => {
  it("gives every range the same finished jobs as the raw jobs: hour edges, late finishes, jobs after the watermark", async () => {
    await finishedJobs([
      { finishedAt: iso("2026-11-24T10:30:00Z") }, // the current hour: raw
      { finishedAt: iso("2026-11-24T10:00:00.000Z") }, // first instant of the current hour
      { finishedAt: iso("2026-11-24T09:59:59.999Z") }, // last instant of a rolled-up hour
      { finishedAt: iso("2026-11-24T09:00:00.000Z") },
      { finishedAt: iso("2026-11-24T08:15:00Z"), startedAt: iso("2026-11-21T08:00:00Z") }, // ran for three days
      { finishedAt: iso("2026-11-23T05:59:59.999Z") }, // the edge of a 6-hour bucket
      { finishedAt: iso("2026-11-23T06:00:00.000Z") },
      { finishedAt: iso("2026-11-17T23:59:59.999Z") },
      { finishedAt: iso("2026-10-26T00:00:00.000Z") }, // the first instant of the 30-day range
      { finishedAt: iso("2026-10-25T23:59:59.999Z") }, // just before it
      { finishedAt: iso("2026-10-01T12:00:00Z") }, // before the rollup's origin
      ...Array.from({ length: 40 }, (_, index) => ({ finishedAt: minutesAfter(iso("2026-11-22T00:07:00Z"), index * 53) })),
    ]);
    await testDatabase().db.remediationJob.createMany({
      data: [
        { tier: "prod", namespace: "default", priorityClass: "A", script: "noop", args: {}, source: "api", submittedByType: "system", submittedByLabel: "t", status: "running", startedAt: iso("2026-11-24T10:00:00Z") },
        { tier: "prod", namespace: "default", priorityClass: "A", script: "noop", args: {}, source: "api", submittedByType: "system", submittedByLabel: "t", status: "queued" },
      ],
    });

    // No worker has run: the overview's first request rolls the final hours up itself.
    const dashboard = await getDashboard("24h", NOW);
    expect((await jobRollupMark(NOW))?.through).toEqual(iso("2026-11-24T10:00:00Z"));
    expect((await rollupRows()).length).toBeGreaterThan(10);
    expect(dashboard.jobs.perBucket.find((point) => point.at === "2026-11-24T09:00:00.000Z")).toEqual({ at: "2026-11-24T09:00:00.000Z", succeeded: 0, failed: 0, timed_out: 1, cancelled: 1 });
    expect(dashboard.jobs.perBucket.at(-1)).toMatchObject({ at: "2026-11-24T10:00:00.000Z", succeeded: 1, failed: 1 });
    for (const { range, rollup, raw } of await rollupAndRaw(NOW)) {
      expect(rollup, range).toEqual(raw);
      expect(raw.length, range).toBeGreaterThan(0);
    }

    // A job that finishes after the watermark is read raw until its hour is final, then rolled up.
    const later = minutesAfter(NOW, 10);
    await finishedJobs([{ finishedAt: later, status: "failed", script: "late-script" }]);
    for (const { range, rollup, raw } of await rollupAndRaw(later)) expect(rollup, range).toEqual(raw);
    expect((await jobRollupMark(later))?.through).toEqual(iso("2026-11-24T10:00:00Z"));
    const nextHour = iso("2026-11-24T11:05:00Z");
    for (const { range, rollup, raw } of await rollupAndRaw(nextHour)) expect(rollup, range).toEqual(raw);
    expect((await jobRollupMark(nextHour))?.through).toEqual(iso("2026-11-24T11:00:00Z"));
    expect((await rollupRows()).filter((row) => row.script === "late-script")).toEqual([{ hour: iso("2026-11-24T10:00:00Z"), script: "late-script", status: "failed", count: 1 }]);
    expect((await getDashboard("24h", nextHour)).jobs.byScript.find((row) => row.script === "late-script")).toEqual({ script: "late-script", succeeded: 0, failed: 1, successRate: 0 });

    // A range reaching before the rollup's origin (a clock set back) reads that part raw.
    const earlier = iso("2026-11-01T10:00:00Z");
    for (const { range, rollup, raw } of await rollupAndRaw(earlier)) expect(rollup, range).toEqual(raw);
  });

  it("rolls up in bounded steps, each moving the watermark with its rows, and recomputes the same rows from scratch", async () => {
    await finishedJobs(Array.from({ length: 60 }, (_, index) => ({ finishedAt: minutesAfter(iso("2026-11-24T00:00:00Z"), index * 10) })));
    const marks: Date[] = [];
    for (let step = await rollUpFinishedJobs(NOW, 7); step; step = step.caughtUp ? null : await rollUpFinishedJobs(NOW, 7)) marks.push(step.mark.through);
    // 6 jobs an hour and at most 7 a step: an hour at a time, up to the last final hour.
    expect(marks.map((mark) => mark.toISOString().slice(11, 13))).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]);
    const mark = (await jobRollupMark(NOW))!;
    expect(await rollupRows()).toEqual(await rawHourlyRows(mark.origin, mark.through));

    // Watermark lost (or never readable): the next pass starts over and writes the same rows.
    await testDatabase().db.appSetting.delete({ where: { key: "metrics.jobRollup" } });
    expect(await catchUpJobRollup(NOW, Date.now() + 10_000)).toMatchObject({ caughtUp: true, through: "2026-11-24T10:00:00.000Z" });
    expect(await rollupRows()).toEqual(await rawHourlyRows(mark.origin, mark.through));
  });

  it("never counts a job twice when steps run at the same time", async () => {
    await finishedJobs(Array.from({ length: 200 }, (_, index) => ({ finishedAt: minutesAfter(iso("2026-11-20T00:00:00Z"), index * 31) })));
    const steps = await Promise.all(Array.from({ length: 6 }, () => rollUpFinishedJobs(NOW, 25)));
    expect(steps.some((step) => step !== null)).toBe(true);
    await catchUpJobRollup(NOW, Date.now() + 10_000);
    const mark = (await jobRollupMark(NOW))!;
    expect(mark.through).toEqual(floorHour(NOW));
    expect(await rollupRows()).toEqual(await rawHourlyRows(mark.origin, mark.through));
  });

  it("is kept up by the worker tick's task", async () => {
    await finishedJobs([{ finishedAt: iso("2026-11-24T03:30:00Z"), status: "succeeded", script: "noop" }]);
    expect(await jobRollupTask.run({ now: NOW, deadlineAt: Date.now() + 10_000, config: getConfig() })).toMatchObject({ caughtUp: true, through: "2026-11-24T10:00:00.000Z" });
    expect(await rollupRows()).toEqual([{ hour: iso("2026-11-24T03:00:00Z"), script: "noop", status: "succeeded", count: 1 }]);
  });
});

describe("the hourly check-in rollup", () => {
  const worker = { schedule: { type: "crontab", value: "*/10 * * * *" }, checkin_margin: 1, max_runtime: 5 };
  const send = (slug: string, body: Record<string, unknown>, now: Date) => {
    const parsed = parseCheckIn(slug, {}, body);
    if (!parsed.ok) throw new Error(parsed.message);
    return recordCheckIn(parsed.value, { source: "cron-tick", kind: "worker", now });
  };

  async function expectRollupExact() {
    const [rollup, raw] = await Promise.all([
      testDatabase().sql.query(`SELECT "monitorId", hour, status::text AS status, count FROM "CheckInHourlyRollup" WHERE count <> 0 ORDER BY 1, 2, 3`),
      testDatabase().sql.query(
        `SELECT "monitorId", date_bin(INTERVAL '1 hour', "startedAt", TIMESTAMPTZ 'epoch') AS hour, status::text AS status, count(*)::int AS count FROM "MonitorCheckIn" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
    ]);
    expect(rollup).toEqual(raw);
    return raw.length;
  }

  it("stays exact through runs that end later, backdated runs, missed and timed-out runs, and a deleted monitor", async () => {
    await send("batch-worker-prod", { status: "in_progress", check_in_id: "a".repeat(32), monitor_config: worker }, iso("2026-11-24T08:58:00Z"));
    await send("batch-worker-prod", { status: "ok", check_in_id: "a".repeat(32) }, iso("2026-11-24T09:01:00Z"));
    // Reported with its duration: dated back into the previous hour.
    await send("batch-worker-prod", { status: "error", duration: 1800 }, iso("2026-11-24T09:10:00Z"));
    await send("batch-worker-nonprod", { status: "in_progress", monitor_config: worker }, iso("2026-11-24T09:20:00Z"));
    expect(await expectRollupExact()).toBeGreaterThan(2);
    // The detector records missed runs (several at once) at their expected times, and times out the open run.
    await evaluateMonitors(iso("2026-11-24T10:35:00Z"));
    expect(await testDatabase().db.monitorCheckIn.count({ where: { status: { in: ["missed", "timeout"] } } })).toBeGreaterThan(2);
    await expectRollupExact();
    await testDatabase().db.monitorCheckIn.deleteMany({ where: { status: "missed", startedAt: { lt: iso("2026-11-24T10:00:00Z") } } });
    await expectRollupExact();
    await testDatabase().db.monitor.delete({ where: { slug: "batch-worker-prod" } });
    await expectRollupExact();
    expect(await testDatabase().sql.query(`SELECT 1 FROM "CheckInHourlyRollup" c JOIN "Monitor" m ON m.id = c."monitorId" WHERE m.slug = 'batch-worker-prod'`)).toEqual([]);
  });

  it("gives the overview the same worker check-ins and 24 h uptime as counting them raw, in every range", async () => {
    for (let minute = 0; minute < 26 * 60; minute += 17) {
      await send("batch-worker-prod", { status: minute % 3 === 0 ? "error" : "ok", monitor_config: worker }, minutesAfter(iso("2026-11-23T08:00:00Z"), minute));
    }
    await send("batch-worker-nonprod", { status: "error", monitor_config: worker }, iso("2026-11-23T10:42:00Z")); // on the 24 h window's first instant
    await send("batch-worker-nonprod", { status: "ok", monitor_config: worker }, iso("2026-11-23T10:41:59.999Z")); // just before it
    await expectRollupExact();
    const listed = await listMonitors(NOW, { kind: "worker" });
    expect(listed.map((monitor) => monitor.uptime24h.ratio)).toEqual([0, expect.any(Number)]);
    expect((await getDashboard("24h", NOW)).workers.monitors).toEqual(
      listed.map((monitor) => ({ slug: monitor.slug, name: monitor.name, status: monitor.status, uptime24h: monitor.uptime24h.ratio, lastCheckInAt: monitor.lastCheckInAt, openIncident: monitor.openIncident?.reason ?? null })),
    );
    for (const range of RANGES) {
      const window = rangeWindow(range, NOW);
      const raw = await testDatabase().sql.query<{ slug: string; bucket: Date; key: string; count: number }>(
        `SELECT m.slug, date_bin(make_interval(secs => $1), c."startedAt", TIMESTAMPTZ 'epoch') AS bucket, c.status::text AS key, count(*)::int AS count
           FROM "MonitorCheckIn" c JOIN "Monitor" m ON m.id = c."monitorId" WHERE m.kind = 'worker' AND c."startedAt" >= $2 GROUP BY 1, 2, 3`,
        [window.bucketMs / 1000, window.from],
      );
      const dashboard = await getDashboard(range, NOW);
      expect(dashboard.workers.checkIns.find((series) => series.slug === "batch-worker-prod"), range).toEqual({
        slug: "batch-worker-prod",
        points: denseSeries(window, ["ok", "error", "missed", "timeout", "in_progress"], raw.filter((row) => row.slug === "batch-worker-prod")),
      });
    }
  });
});

describe("issues and time to resolve, from indexes", () => {
  it("match the plain grouped queries in every range: buckets, new issues, daily medians auto and manual", async () => {
    const db = testDatabase().db;
    const levels = ["fatal", "error", "warning", "info", "debug", "sample"] as const;
    const issues = Array.from({ length: 120 }, (_, index) => {
      const firstSeen = minutesAfter(iso("2026-10-20T00:00:00Z"), index * 433);
      const resolved = index % 3 === 0;
      return { id: `issue-${index}`, sentryId: `s-${index}`, title: `Issue ${index}`, level: levels[index % 6]!, status: resolved ? ("resolved" as const) : ("unresolved" as const), firstSeen, lastSeen: firstSeen, resolvedAt: resolved ? minutesAfter(firstSeen, 20 + (index % 7) * 45) : null };
    });
    // Stamped after now by another instance's clock: no bucket shows it, the count does.
    issues.push({ id: "issue-future", sentryId: "s-future", title: "Future", level: "error", status: "unresolved", firstSeen: minutesAfter(NOW, 90), lastSeen: NOW, resolvedAt: null });
    await db.issue.createMany({ data: issues });
    const jobFor = (issueId: string, status: "succeeded" | "failed", finishedAt: Date) => ({
      tier: "nonprod" as const, namespace: "default", priorityClass: "B" as const, script: "restart-service", args: {}, source: "rule" as const,
      submittedByType: "system" as const, submittedByLabel: "t", issueId, status, finishedAt,
    });
    const resolved = issues.filter((issue) => issue.resolvedAt);
    await db.remediationJob.createMany({
      data: resolved.flatMap((issue, index) => {
        const resolvedAt = issue.resolvedAt!;
        if (index % 4 === 0) return [jobFor(issue.id, "succeeded", minutesAfter(resolvedAt, -5))];
        if (index % 4 === 1) return [jobFor(issue.id, "succeeded", resolvedAt)]; // at the moment of resolution: still auto
        if (index % 4 === 2) return [jobFor(issue.id, "succeeded", minutesAfter(resolvedAt, 5)), jobFor(issue.id, "failed", minutesAfter(resolvedAt, -5))];
        return [];
      }),
    });

    for (const range of RANGES) {
      const window = rangeWindow(range, NOW);
      const dashboard = await getDashboard(range, NOW);
      const buckets = await testDatabase().sql.query<{ bucket: Date; key: string; count: number }>(
        `SELECT date_bin(make_interval(secs => $1), "firstSeen", TIMESTAMPTZ 'epoch') AS bucket, level::text AS key, count(*)::int AS count FROM "Issue" WHERE "firstSeen" >= $2 GROUP BY 1, 2`,
        [window.bucketMs / 1000, window.from],
      );
      expect(dashboard.issues.perBucket, range).toEqual(denseSeries(window, ISSUE_LEVELS, buckets));
      expect(dashboard.issues.newInRange, range).toBe(buckets.reduce((sum, row) => sum + row.count, 0));

      const medians = await testDatabase().sql.query<{ bucket: Date; auto: boolean; median: number | null; count: number }>(
        `SELECT date_bin(INTERVAL '1 day', i."resolvedAt", TIMESTAMPTZ 'epoch') AS bucket,
                EXISTS (SELECT 1 FROM "RemediationJob" j WHERE j."issueId" = i.id AND j.status = 'succeeded' AND j."finishedAt" <= i."resolvedAt") AS auto,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i."resolvedAt" - i."firstSeen")) / 60 AS median, count(*)::int AS count
           FROM "Issue" i WHERE i.status = 'resolved' AND i."resolvedAt" >= $1 AND i."firstSeen" IS NOT NULL GROUP BY 1, 2`,
        [new Date(dashboard.mttr[0]!.at)],
      );
      const of = (at: string, auto: boolean) => medians.find((row) => row.bucket.toISOString() === at && row.auto === auto);
      const round = (value: number | null | undefined) => (value == null ? null : Math.round(Number(value) * 10) / 10);
      expect(dashboard.mttr, range).toEqual(
        dashboard.mttr.map(({ at }) => ({ at, autoMedianMinutes: round(of(at, true)?.median), manualMedianMinutes: round(of(at, false)?.median), autoResolved: of(at, true)?.count ?? 0, manualResolved: of(at, false)?.count ?? 0 })),
      );
    }
    const month = await getDashboard("30d", NOW);
    expect(month.mttr.reduce((sum, day) => sum + day.autoResolved, 0)).toBeGreaterThan(3);
    expect(month.mttr.reduce((sum, day) => sum + day.manualResolved, 0)).toBeGreaterThan(3);
    expect(month.issues.perBucket.reduce((sum, point) => sum + point.error, 0)).toBeGreaterThan(0);
  });
});
