import { describe, expect, it } from "vitest";
import * as overviewRoute from "@/app/api/overview/route";
import { createApiToken, SYSTEM_ACTOR } from "@/lib/auth";
import { getDashboard } from "@/lib/metrics";
import { parseCheckIn, recordCheckIn } from "@/lib/monitors";
import { withTestDatabase } from "../support/database";
import { callRoute } from "../support/routes";

const testDatabase = withTestDatabase({ truncateEach: true });
const NOW = new Date("2026-11-24T10:42:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3600_000);

let sequence = 0;
async function issue(fields: { level?: "error" | "warning" | "fatal"; status?: "unresolved" | "resolved"; firstSeen: Date; lastSeen?: Date; resolvedAt?: Date; count?: number }) {
  sequence += 1;
  return testDatabase().db.issue.create({
    data: { sentryId: `s-${sequence}`, title: `Issue ${sequence}`, level: fields.level ?? "error", status: fields.status ?? "unresolved", firstSeen: fields.firstSeen, lastSeen: fields.lastSeen ?? fields.firstSeen, resolvedAt: fields.resolvedAt, count: BigInt(fields.count ?? 1) },
  });
}

async function job(fields: { script?: string; status: "succeeded" | "failed" | "timed_out" | "running" | "queued" | "awaiting_approval"; finishedAt?: Date; issueId?: string }) {
  return testDatabase().db.remediationJob.create({
    data: { tier: "nonprod", namespace: "default", priorityClass: "B", script: fields.script ?? "noop", args: {}, source: "api", submittedByType: "system", submittedByLabel: "test", status: fields.status, finishedAt: fields.finishedAt, issueId: fields.issueId },
  });
}

describe("getDashboard", () => {
  it("counts issues, jobs, worker check-ins and health for the range, bucketed by hour", async () => {
    await issue({ level: "error", firstSeen: hoursAgo(0.5), count: 40 });
    await issue({ level: "warning", firstSeen: hoursAgo(3), count: 5 });
    await issue({ level: "fatal", firstSeen: hoursAgo(30), lastSeen: hoursAgo(1), count: 900 });
    await issue({ level: "error", status: "resolved", firstSeen: hoursAgo(5), resolvedAt: hoursAgo(4) });
    await job({ status: "succeeded", finishedAt: hoursAgo(0.2), script: "restart-service" });
    await job({ status: "succeeded", finishedAt: hoursAgo(2), script: "restart-service" });
    await job({ status: "failed", finishedAt: hoursAgo(2), script: "restart-service" });
    await job({ status: "timed_out", finishedAt: hoursAgo(2.5), script: "fix-build-errors" });
    await job({ status: "succeeded", finishedAt: hoursAgo(48), script: "noop" });
    await job({ status: "running" });
    await job({ status: "queued" });
    await job({ status: "queued" });
    await job({ status: "awaiting_approval" });
    const parsed = parseCheckIn("batch-worker-prod", {}, { status: "ok", monitor_config: { schedule: { type: "crontab", value: "* * * * *" } } });
    if (!parsed.ok) throw new Error(parsed.message);
    await recordCheckIn(parsed.value, { source: "cron-tick", kind: "worker", now: hoursAgo(1) });
    await testDatabase().db.healthCheck.createMany({ data: [{ name: "api", kind: "http", target: {}, state: "up" }, { name: "db", kind: "postgres", target: {}, state: "down" }, { name: "off", kind: "tcp", target: {}, state: "down", enabled: false }] });

    const dashboard = await getDashboard("24h", NOW);
    expect(dashboard.issues).toMatchObject({ unresolved: 3, any: true, newInRange: 3, unresolvedByLevel: { error: 1, warning: 1, fatal: 1, info: 0, debug: 0 } });
    // Top issues seen in the range, by events.
    expect(dashboard.issues.top.map((row) => row.count)).toEqual(["900", "40", "5"]);
    expect(dashboard.issues.perBucket).toHaveLength(24);
    expect(dashboard.issues.perBucket.at(-1)).toMatchObject({ at: "2026-11-24T10:00:00.000Z", error: 1, warning: 0 });
    expect(dashboard.issues.perBucket.reduce((sum, point) => sum + point.error + point.warning + point.fatal, 0)).toBe(3);

    expect(dashboard.jobs).toMatchObject({ running: 1, queued: 2, awaitingApproval: 1, succeededInRange: 2, failedInRange: 2, successRate: 0.5, any: true });
    expect(dashboard.jobs.perBucket.at(-1)).toMatchObject({ succeeded: 1, failed: 0 });
    expect(dashboard.jobs.perBucket.find((point) => point.at === "2026-11-24T08:00:00.000Z")).toMatchObject({ succeeded: 1, failed: 1, timed_out: 1 });
    expect(dashboard.jobs.byScript).toEqual([
      { script: "restart-service", succeeded: 2, failed: 1, successRate: 2 / 3 },
      { script: "fix-build-errors", succeeded: 0, failed: 1, successRate: 0 },
    ]);

    expect(dashboard.workers.monitors).toEqual([expect.objectContaining({ slug: "batch-worker-prod", status: expect.any(String) })]);
    expect(dashboard.workers.checkIns[0]!.points.find((point) => point.at === "2026-11-24T09:00:00.000Z")).toMatchObject({ ok: 1 });
    expect(dashboard.infrastructure).toMatchObject({ checks: 2, up: 1, down: 1 });
  });

  it("splits time to resolve into auto-remediated and manual daily medians", async () => {
    const auto1 = await issue({ status: "resolved", firstSeen: hoursAgo(10), resolvedAt: hoursAgo(9) });
    const auto2 = await issue({ status: "resolved", firstSeen: hoursAgo(10), resolvedAt: hoursAgo(7) });
    await job({ status: "succeeded", finishedAt: hoursAgo(9.5), issueId: auto1.id });
    await job({ status: "succeeded", finishedAt: hoursAgo(7.5), issueId: auto2.id });
    await issue({ status: "resolved", firstSeen: hoursAgo(10), resolvedAt: hoursAgo(5) });
    // A job that succeeded only after the issue was resolved did not resolve it.
    const late = await issue({ status: "resolved", firstSeen: hoursAgo(10), resolvedAt: hoursAgo(6) });
    await job({ status: "succeeded", finishedAt: hoursAgo(1), issueId: late.id });

    const dashboard = await getDashboard("24h", NOW);
    expect(dashboard.mttr).toHaveLength(7);
    expect(dashboard.mttr.at(-1)).toEqual({ at: "2026-11-24T00:00:00.000Z", autoMedianMinutes: 120, manualMedianMinutes: 270, autoResolved: 2, manualResolved: 2 });
    expect(dashboard.mttr[0]).toMatchObject({ autoMedianMinutes: null, autoResolved: 0 });
  });

  it("is served by GET /api/overview?range=, refusing an unknown range with its field", async () => {
    const viewer = (await createApiToken({ name: "viewer", role: "viewer", expiresInDays: null }, SYSTEM_ACTOR)).secret;
    const ok = await callRoute(overviewRoute.GET, { path: "/api/overview?range=7d", token: viewer });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ range: "7d", bucketMs: 6 * 3600_000 });
    expect(ok.body.jobs.perBucket).toHaveLength(28);
    const bad = await callRoute(overviewRoute.GET, { path: "/api/overview?range=90d", token: viewer });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("range");
  });
});
