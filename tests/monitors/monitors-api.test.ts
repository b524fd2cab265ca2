import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as sentryFormRoute from "@/app/api/[projectId]/cron/[slug]/[key]/route";
import * as checkInsRoute from "@/app/api/monitors/[slug]/checkins/route";
import * as monitorRoute from "@/app/api/monitors/[slug]/route";
import * as tokenRoute from "@/app/api/monitors/[slug]/token/route";
import * as monitorsRoute from "@/app/api/monitors/route";
import { resetConfigForTests } from "@/lib/config";
import { settleBackgroundTasks } from "@/lib/jobs";
import { withTestDatabase } from "../support/database";
import { startFakeHttp } from "../support/fake-http";
import { callRoute, createRoleTokens } from "../support/routes";
import { checkInFixture } from "../support/sentry-checkins";

const testDatabase = withTestDatabase({ truncateEach: true });
let viewer: string;
let operator: string;
let admin: string;

beforeEach(async () => {
  ({ viewer, operator, admin } = await createRoleTokens());
});
afterEach(async () => {
  await settleBackgroundTasks();
  delete process.env.SENTRY_DSN;
  resetConfigForTests();
});

function checkIn(slug: string, options: { query?: string; body?: unknown; token?: string; method?: string; headers?: Record<string, string> } = {}) {
  const handler = options.method === "GET" ? checkInsRoute.GET : checkInsRoute.POST;
  return callRoute(handler, { method: options.method ?? "POST", path: `/api/monitors/${slug}/checkins${options.query ? `?${options.query}` : ""}`, params: { slug }, body: options.body, token: options.token, headers: options.headers });
}

const upsert = { monitor_config: { schedule: { type: "crontab", value: "0 * * * *" }, checkin_margin: 5, max_runtime: 10 } };

describe("POST|GET /api/monitors/{slug}/checkins (Sentry's cron HTTP API)", () => {
  it("accepts the valid check-in items, creating the monitor on the first upsert and updating it on the next", async () => {
    const start = checkInFixture("valid-upsert-crontab.json") as { check_in_id: string; monitor_slug: string; monitor_config: { schedule: { value: string } } };
    const slug = start.monitor_slug;
    const created = await checkIn(slug, { body: start, token: operator });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ createdMonitor: true, checkIn: { checkInId: start.check_in_id, status: "in_progress" }, warnings: [] });
    expect(await testDatabase().db.monitor.findUniqueOrThrow({ where: { slug } })).toMatchObject({ scheduleType: "crontab", schedule: start.monitor_config.schedule.value });

    const finish = checkInFixture("valid-finished-ok.json") as { check_in_id: string; duration: number };
    const finished = await checkIn(slug, { body: finish, token: operator });
    expect(finished.status).toBe(202);
    expect(finished.body.checkIn).toMatchObject({ checkInId: finish.check_in_id, status: "ok", durationMs: Math.round(finish.duration * 1000) });

    // The interval item's config sent to the same monitor (a new check-in) changes its schedule.
    const interval = checkInFixture("valid-upsert-interval.json") as { monitor_config: { schedule: { value: number; unit: string }; failure_issue_threshold: number } };
    const upserted = await checkIn(slug, { body: { ...interval, monitor_slug: slug }, token: operator });
    expect(upserted.status).toBe(202);
    const { schedule, failure_issue_threshold } = interval.monitor_config;
    expect(await testDatabase().db.monitor.findUniqueOrThrow({ where: { slug } })).toMatchObject({ scheduleType: "interval", schedule: `${schedule.value} ${schedule.unit}`, failureIssueThreshold: failure_issue_threshold });
    expect(await testDatabase().db.auditLogEntry.count({ where: { action: "monitor.created" } })).toBe(1);

    // The nil check-in id finishes the newest open check-in: the one the interval upsert opened.
    const failure = checkInFixture("valid-error-latest-open.json");
    const failed = await checkIn(slug, { body: { ...failure, monitor_slug: slug }, token: operator });
    expect(failed.status).toBe(202);
    expect(failed.body.checkIn).toMatchObject({ checkInId: upserted.body.checkIn.checkInId, status: "error" });
  });

  it("takes Sentry's query-string form on GET, duration in seconds", async () => {
    await checkIn("backup", { body: { status: "in_progress", check_in_id: "c460c25ff2554577b920fcfacae4e5eb", ...upsert }, token: operator });
    const done = await checkIn("backup", { method: "GET", query: "status=ok&check_in_id=c460c25f-f255-4577-b920-fcfacae4e5eb&duration=3.25&environment=production", token: operator });
    expect(done.status).toBe(202);
    expect(done.body.checkIn).toMatchObject({ status: "ok", durationMs: 3250, environment: "production" });
  });

  it.each([
    ["invalid-empty-slug.json", "monitor_slug"],
    ["invalid-environment-too-long.json", "environment"],
  ])("refuses %s with 422 naming %s", async (name, field) => {
    // Under a valid URL slug: the body's own fields are what is wrong.
    const response = await checkIn("nightly-invoice-export", { body: { ...checkInFixture(name), ...upsert }, token: operator });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe(field);
    expect(await testDatabase().db.monitor.count()).toBe(0);
  });

  it.each([
    ["status=finished", undefined, "status"],
    ["", { check_in_id: "xyz", status: "ok" }, "check_in_id"],
    ["", { status: "ok", monitor_config: { schedule: { type: "crontab", value: "* * *" } } }, "monitor_config.schedule.value"],
    ["", { status: "ok", monitor_config: { schedule: { type: "interval", value: 1, unit: "minute" }, failure_issue_threshold: 0 } }, "monitor_config.failure_issue_threshold"],
  ])("refuses ?%s %j with a 4xx naming %s, never a 500", async (query, body, field) => {
    const response = await checkIn("job", { query, body, token: operator });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe(field);
  });

  it("refuses a slug Sentry would refuse, a body that is not JSON, and an unknown monitor without upsert", async () => {
    expect((await checkIn("Not_A_Slug", { query: "status=ok", token: operator })).body.error.field).toBe("monitor_slug");
    const notJson = await callRoute(checkInsRoute.POST, { method: "POST", path: "/api/monitors/job/checkins", params: { slug: "job" }, rawBody: "{nope", token: operator });
    expect(notJson.status).toBe(400);
    const unknown = await checkIn("ghost", { query: "status=ok", token: operator });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/monitor_config/);
  });

  it("needs the monitor's token or an operator API token", async () => {
    expect((await checkIn("job", { body: { status: "ok", ...upsert } })).status).toBe(401);
    expect((await checkIn("job", { body: { status: "ok", ...upsert }, token: "ops_not-a-real-token" })).status).toBe(401);
    expect((await checkIn("job", { body: { status: "ok", ...upsert }, token: viewer })).status).toBe(403);
    expect(await testDatabase().db.monitor.count()).toBe(0);

    const created = await callRoute(monitorsRoute.POST, { method: "POST", path: "/api/monitors", token: admin, body: { slug: "nightly-backup", name: "Nightly backup", ...upsert } });
    expect(created.status).toBe(201);
    const monitorToken: string = created.body.token;
    expect(monitorToken).toMatch(/^mon_/);
    expect((await checkIn("nightly-backup", { query: "status=ok", token: monitorToken })).status).toBe(202);
    // Sentry's older `Authorization: DSN <dsn>` form carries the key as the DSN's user.
    expect((await checkIn("nightly-backup", { query: "status=ok", headers: { authorization: `DSN https://${monitorToken}@ops.example.com/1` } })).status).toBe(202);
    // A monitor's token is bound to its monitor.
    expect((await checkIn("other", { body: { status: "ok", ...upsert }, token: monitorToken })).status).toBe(401);

    const rotated = await callRoute(tokenRoute.POST, { method: "POST", path: "/api/monitors/nightly-backup/token", params: { slug: "nightly-backup" }, token: admin });
    expect((await checkIn("nightly-backup", { query: "status=ok", token: monitorToken })).status).toBe(401);
    expect((await checkIn("nightly-backup", { query: "status=ok", token: rotated.body.token })).status).toBe(202);
    // The stored token is a hash, and no view returns it.
    const listed = await callRoute(monitorsRoute.GET, { path: "/api/monitors", token: viewer });
    expect(JSON.stringify(listed.body)).not.toContain(rotated.body.token);
  });

  it("limits check-ins per monitor and address (429 with Retry-After), before any database work", async () => {
    process.env.CHECKIN_RATE_LIMIT_PER_MINUTE = "2";
    resetConfigForTests();
    try {
      const from = { "x-forwarded-for": "198.51.100.4" };
      expect((await checkIn("limited", { body: { status: "in_progress", ...upsert }, token: operator, headers: from })).status).toBe(202);
      expect((await checkIn("limited", { body: { status: "ok" }, token: operator, headers: from })).status).toBe(202);
      const refused = await checkIn("limited", { body: { status: "ok" }, token: operator, headers: from });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // One check-in: opened, then closed by the ok; the refused one left it as it was.
      expect(await testDatabase().db.monitorCheckIn.findMany({ select: { status: true } })).toEqual([{ status: "ok" }]);
      // Another monitor, or another address, has its own allowance.
      expect((await checkIn("limited", { body: { status: "ok" }, token: operator, headers: { "x-forwarded-for": "198.51.100.5" } })).status).toBe(202);
    } finally {
      delete process.env.CHECKIN_RATE_LIMIT_PER_MINUTE;
    }
  });

  it("answers Sentry's ingest URL form /api/<project>/cron/<slug>/<key>/", async () => {
    const created = await callRoute(monitorsRoute.POST, { method: "POST", path: "/api/monitors", token: admin, body: { slug: "etl", ...upsert } });
    const key: string = created.body.token;
    const response = await callRoute(sentryFormRoute.GET, { path: `/api/0/cron/etl/${key}/?status=in_progress`, params: { projectId: "0", slug: "etl", key } });
    expect(response.status).toBe(202);
    expect(response.body.checkIn.status).toBe("in_progress");
    const wrongKey = await callRoute(sentryFormRoute.POST, { method: "POST", path: "/api/0/cron/etl/mon_wrong/", params: { projectId: "0", slug: "etl", key: "mon_wrong" }, body: { status: "ok" } });
    expect(wrongKey.status).toBe(401);
  });

  it("relays check-ins to Sentry when the monitor asks for it, with their own environment", async () => {
    const sentry = await startFakeHttp(() => ({ status: 202, body: "" }));
    try {
      process.env.SENTRY_DSN = `${sentry.url.replace("http://", "http://relaykey@")}/7`;
      resetConfigForTests();
      await callRoute(monitorsRoute.POST, { method: "POST", path: "/api/monitors", token: admin, body: { slug: "relayed", relay_to_sentry: true, ...upsert } });
      await checkIn("relayed", { query: "status=ok&environment=staging&duration=2", token: operator });
      await settleBackgroundTasks();
      expect(sentry.requests).toHaveLength(1);
      expect(sentry.requests[0]!.path).toBe("/api/7/cron/relayed/relaykey/");
      expect(sentry.requests[0]!.json).toMatchObject({ status: "ok", environment: "staging", duration: 2, monitor_config: { schedule: { type: "crontab", value: "0 * * * *" }, checkin_margin: 5 } });
      expect((await testDatabase().db.monitorCheckIn.findFirstOrThrow()).sentryRelay).toBe("sent");
    } finally {
      await sentry.close();
    }
  });
});

describe("monitor admin API", () => {
  it("lists and details monitors for viewers, with uptime, timeline and curl-ready config", async () => {
    await checkIn("nightly", { body: { status: "ok", ...upsert }, token: operator });
    await checkIn("nightly", { body: { status: "error" }, token: operator });
    const list = await callRoute(monitorsRoute.GET, { path: "/api/monitors", token: viewer });
    expect(list.body.monitors).toEqual([expect.objectContaining({ slug: "nightly", status: "error", scheduleLabel: "0 * * * * (UTC)", uptime24h: expect.objectContaining({ ok: 1, failed: 1, ratio: 0.5 }) })]);
    const detail = await callRoute(monitorRoute.GET, { path: "/api/monitors/nightly?window=7d", params: { slug: "nightly" }, token: viewer });
    expect(detail.status).toBe(200);
    expect(detail.body.timeline.window).toBe("7d");
    expect(detail.body.timeline.buckets).toHaveLength(48);
    expect(detail.body.timeline.buckets.at(-1).counts).toMatchObject({ ok: 1, error: 1 });
    expect(detail.body.checkIns.map((row: { status: string }) => row.status)).toEqual(["error", "ok"]);
    expect((await callRoute(monitorRoute.GET, { path: "/api/monitors/nightly?window=1y", params: { slug: "nightly" }, token: viewer })).body.error.field).toBe("window");
    expect((await callRoute(monitorRoute.GET, { path: "/api/monitors/none", params: { slug: "none" }, token: viewer })).status).toBe(404);
  });

  it("lets admins disable, re-enable and delete a monitor; others may not", async () => {
    await checkIn("pausable", { body: { status: "ok", ...upsert }, token: operator });
    const patch = (body: unknown, token = admin) => callRoute(monitorRoute.PATCH, { method: "PATCH", path: "/api/monitors/pausable", params: { slug: "pausable" }, token, body });
    expect((await patch({ enabled: false }, operator)).status).toBe(403);
    expect((await patch({})).status).toBe(422);
    expect((await patch({ enabled: false })).body.status).toBe("disabled");
    expect((await checkIn("pausable", { query: "status=error", token: operator })).body.ignored).toBe(true);
    expect((await patch({ enabled: true, relay_to_sentry: true })).body).toMatchObject({ status: "ok", relayToSentry: true });
    const duplicate = await callRoute(monitorsRoute.POST, { method: "POST", path: "/api/monitors", token: admin, body: { slug: "pausable", ...upsert } });
    expect(duplicate.status).toBe(409);
    expect((await callRoute(monitorRoute.DELETE, { method: "DELETE", path: "/api/monitors/pausable", params: { slug: "pausable" }, token: admin })).status).toBe(200);
    expect(await testDatabase().db.monitorCheckIn.count()).toBe(0);
    expect(await testDatabase().db.auditLogEntry.count({ where: { action: { startsWith: "monitor." } } })).toBeGreaterThanOrEqual(3);
  });
});
