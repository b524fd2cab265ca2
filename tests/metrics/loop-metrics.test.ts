import { describe, expect, it } from "vitest";
import * as loopRoute from "@/app/api/overview/remediation/route";
import { createApiToken, SYSTEM_ACTOR } from "@/lib/auth";
import { getLoopMetrics, getRuleLoopFigures } from "@/lib/metrics";
import { runTickTasks } from "@/lib/worker";
import { withTestDatabase } from "../support/database";
import { testConfig } from "../support/jobs";
import { callRoute } from "../support/routes";

const testDatabase = withTestDatabase({ truncateEach: true });
const NOW = new Date("2026-11-25T10:42:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

let sequence = 0;
async function issue(detectedMinutesAgo: number) {
  sequence += 1;
  return testDatabase().db.issue.create({ data: { sentryId: `loop-${sequence}`, title: `Issue ${sequence}`, firstSeen: minutesAgo(detectedMinutesAgo) } });
}

async function rule(name: string) {
  return testDatabase().db.remediationRule.create({
    data: { name, trigger: "issue_created", conditions: {}, action: { script: "restart-service", tier: "prod", namespace: "default", priorityClass: "A", args: {} }, safety: {} },
  });
}

type Verdict = "verified" | "ineffective" | "resolve_failed" | "verifying" | null;
async function job(fields: { script: string; status: "succeeded" | "failed" | "timed_out"; finishedMinutesAgo: number; issueId?: string; ruleId?: string; verification?: Verdict; resolvedMinutesAgo?: number }) {
  return testDatabase().db.remediationJob.create({
    data: {
      tier: "prod", namespace: "default", priorityClass: "A", script: fields.script, args: {}, source: fields.ruleId ? "rule" : "manual", submittedByType: "system", submittedByLabel: "test",
      status: fields.status, finishedAt: minutesAgo(fields.finishedMinutesAgo), issueId: fields.issueId, ruleId: fields.ruleId,
      resolveIssueOnSuccess: fields.verification !== undefined, verification: fields.verification ?? null,
      issueResolvedAt: fields.resolvedMinutesAgo === undefined ? null : minutesAgo(fields.resolvedMinutesAgo),
    },
  });
}

describe("getLoopMetrics", () => {
  it("gives each script and rule its runs, verdicts, auto-remediation rate and medians", async () => {
    const pool = await rule("Database pool → restart");
    const [a, b, c, d] = [await issue(100), await issue(60), await issue(40), await issue(30)];
    // restart-db-pool: three issues; two fixed and verified (detected 100 and 60 min ago, fixed at 90 and 40), one ineffective.
    await job({ script: "restart-db-pool", status: "succeeded", finishedMinutesAgo: 90, issueId: a.id, ruleId: pool.id, verification: "verified", resolvedMinutesAgo: 89 });
    await job({ script: "restart-db-pool", status: "succeeded", finishedMinutesAgo: 40, issueId: b.id, ruleId: pool.id, verification: "verified", resolvedMinutesAgo: 39 });
    await job({ script: "restart-db-pool", status: "succeeded", finishedMinutesAgo: 20, issueId: c.id, ruleId: pool.id, verification: "ineffective", resolvedMinutesAgo: 19 });
    // A manual run that failed, one still verifying, and one from before the range.
    await job({ script: "restart-service", status: "failed", finishedMinutesAgo: 10, issueId: d.id });
    await job({ script: "restart-service", status: "succeeded", finishedMinutesAgo: 5, issueId: d.id, verification: "verifying", resolvedMinutesAgo: 4 });
    await job({ script: "restart-service", status: "succeeded", finishedMinutesAgo: 3 * 24 * 60, issueId: d.id, verification: "verified", resolvedMinutesAgo: 3 * 24 * 60 });

    const metrics = await getLoopMetrics("24h", NOW);
    const pooled = metrics.byScript.find((row) => row.script === "restart-db-pool")!;
    expect(pooled).toMatchObject({ finished: 3, succeeded: 3, failed: 0, verified: 2, ineffective: 1, pending: 0, successRate: 1, effectiveness: 2 / 3 });
    expect(pooled.autoRemediationRate).toBeCloseTo(2 / 3);
    // Detected -> succeeded: 10, 20 and 20 minutes; detected -> resolved (verified only): 11 and 21.
    expect(pooled.medianTimeToRemediateSeconds).toBe(20 * 60);
    expect(pooled.medianTimeToResolveSeconds).toBe(16 * 60);

    const manual = metrics.byScript.find((row) => row.script === "restart-service")!;
    expect(manual).toMatchObject({ finished: 2, succeeded: 1, failed: 1, verified: 0, pending: 1, successRate: 0.5, autoRemediationRate: 0, effectiveness: null, medianTimeToResolveSeconds: null });

    expect(metrics.byRule).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: pool.id, ruleName: "Database pool → restart", finished: 3, verified: 2 }),
        expect.objectContaining({ ruleId: null, ruleName: null, finished: 2 }),
      ]),
    );
    expect(metrics.total).toMatchObject({ finished: 5, succeeded: 4, failed: 1, verified: 2, ineffective: 1, pending: 1 });
    // Four issues acted on, two fixed for good.
    expect(metrics.total.autoRemediationRate).toBe(0.5);
    expect(metrics.byScript[0]!.script).toBe("restart-db-pool");
    // A rule's page reads the same figures for that rule alone.
    const { ruleId: _ruleId, ruleName: _ruleName, ...poolFigures } = metrics.byRule.find((row) => row.ruleId === pool.id)!;
    expect(await getRuleLoopFigures(pool.id, "24h", NOW)).toEqual(poolFigures);
  });

  it("is empty, not zero-divided, with nothing finished in the range", async () => {
    const metrics = await getLoopMetrics("1h", NOW);
    expect(metrics.byScript).toEqual([]);
    expect(metrics.total).toMatchObject({ finished: 0, successRate: null, autoRemediationRate: null, effectiveness: null, medianTimeToRemediateSeconds: null });
  });

  it("serves the long ranges from a snapshot the tick refreshes; the last hour is live", async () => {
    const target = await issue(30);
    await job({ script: "restart-service", status: "succeeded", finishedMinutesAgo: 10, issueId: target.id, verification: "verified", resolvedMinutesAgo: 9 });
    const first = await getLoopMetrics("24h", NOW);
    expect(first).toMatchObject({ computedAt: NOW.toISOString(), total: { finished: 1 } });

    await job({ script: "restart-service", status: "failed", finishedMinutesAgo: 5, issueId: target.id });
    const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    // Within twice the refresh interval (1 min for 24 h) the snapshot is served as it is…
    expect(await getLoopMetrics("24h", later(90))).toEqual(first);
    // …while the last hour is always computed.
    expect((await getLoopMetrics("1h", later(90))).total.finished).toBe(2);
    // The tick refreshes each snapshot once per its refresh period (its task's slot)…
    const tick = (at: Date, runner: string) => runTickTasks({ clock: { now: () => at }, deadlineAt: Date.now() + 60_000, config: testConfig(), runner });
    const firstPass = await tick(later(61), "worker-a");
    for (const range of ["24h", "7d", "30d"]) expect(firstPass[`loop-metrics-${range}`]).toEqual({ ok: true, result: { computedAt: later(61).toISOString() } });
    // …and another worker's pass in the same periods leaves them alone.
    const secondPass = await tick(later(62), "worker-b");
    for (const range of ["24h", "7d", "30d"]) expect(secondPass[`loop-metrics-${range}`]).toMatchObject({ ok: true, result: { skipped: "slot taken by worker-a" } });
    expect(await getLoopMetrics("24h", later(90))).toMatchObject({ computedAt: later(61).toISOString(), total: { finished: 2, failed: 1 } });
    // With no tick for longer than twice the interval, a request computes it.
    expect(await getLoopMetrics("24h", later(61 + 121))).toMatchObject({ computedAt: later(182).toISOString() });
  });

  it("GET /api/overview/remediation refuses a bad range naming it", async () => {
    const token = (await createApiToken({ name: "viewer", role: "viewer", expiresInDays: null }, SYSTEM_ACTOR)).secret;
    const bad = await callRoute(loopRoute.GET, { path: "/api/overview/remediation?range=2w", token });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("range");
    const good = await callRoute(loopRoute.GET, { path: "/api/overview/remediation?range=7d", token });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ range: "7d", byScript: [] });
  });
});
