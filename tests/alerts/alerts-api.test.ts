import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as channelRoute from "@/app/api/alerts/channels/[id]/route";
import * as channelTestRoute from "@/app/api/alerts/channels/[id]/test/route";
import * as channelsRoute from "@/app/api/alerts/channels/route";
import * as deliveriesRoute from "@/app/api/alerts/deliveries/route";
import * as maintenanceRoute from "@/app/api/alerts/maintenance/route";
import * as routeRoute from "@/app/api/alerts/routes/[id]/route";
import * as previewRoute from "@/app/api/alerts/routes/preview/route";
import * as routesRoute from "@/app/api/alerts/routes/route";
import { resetConfigForTests } from "@/lib/config";
import { withTestDatabase } from "../support/database";
import { startFakeHttp, type FakeHttpServer } from "../support/fake-http";
import { callRoute, createRoleTokens } from "../support/routes";

const database = withTestDatabase({ truncateEach: true });
const SIGNING_SECRET = "whsec_api_test_0123456789";
let receiver: FakeHttpServer;
let viewer: string;
let operator: string;
let admin: string;

beforeAll(async () => {
  receiver = await startFakeHttp(() => ({ status: 204 }));
  process.env.APP_SECRET = "api-test-app-secret-0123456789abcdefgh";
  resetConfigForTests();
});
afterAll(async () => {
  delete process.env.APP_SECRET;
  resetConfigForTests();
  await receiver.close();
});
beforeEach(async () => {
  receiver.requests.length = 0;
  ({ viewer, operator, admin } = await createRoleTokens());
});

const webhookChannel = () => ({ name: "Ops webhook", kind: "webhook", settings: { url: `${receiver.url}/alerts` }, secret: SIGNING_SECRET });

describe("the alerts API", () => {
  it("lets admins add channels, shows operators where secrets come from, never the secret", async () => {
    expect((await callRoute(channelsRoute.POST, { method: "POST", token: operator, body: webhookChannel() })).status).toBe(403);
    const created = await callRoute(channelsRoute.POST, { method: "POST", token: admin, body: webhookChannel() });
    expect(created.status).toBe(201);
    expect(created.body.channel).toMatchObject({ name: "Ops webhook", kind: "webhook", secretSource: "stored" });
    const listed = await callRoute(channelsRoute.GET, { token: operator });
    expect(listed.status).toBe(200);
    expect(JSON.stringify([created.body, listed.body])).not.toContain(SIGNING_SECRET);
    expect((await callRoute(channelsRoute.GET, { token: viewer })).status).toBe(403);
    expect((await callRoute(channelsRoute.POST, { method: "POST", token: admin, body: webhookChannel() })).body.error).toMatchObject({ code: "conflict", field: "name" });
  });

  it("sends a test alert to a channel and keeps the result on it", async () => {
    const { channel } = (await callRoute(channelsRoute.POST, { method: "POST", token: admin, body: webhookChannel() })).body;
    const tested = await callRoute(channelTestRoute.POST, { method: "POST", token: admin, params: { id: channel.id } });
    expect(tested.body).toEqual({ ok: true, result: "sent" });
    const request = receiver.requests[0]!;
    expect(request.headers["x-ops-signature"]).toBe(`sha256=${createHmac("sha256", SIGNING_SECRET).update(`${request.headers["x-ops-timestamp"]}.${request.body}`).digest("hex")}`);
    expect((await callRoute(channelsRoute.GET, { token: operator })).body.channels[0]).toMatchObject({ lastTestResult: "sent" });
    expect((await callRoute(channelTestRoute.POST, { method: "POST", token: admin, params: { id: "missing" } })).status).toBe(404);
    expect((await callRoute(channelRoute.DELETE, { method: "DELETE", token: admin, params: { id: channel.id } })).status).toBe(200);
  });

  it("names the wrong field of a route or a maintenance window, and stores nothing", async () => {
    const { channel } = (await callRoute(channelsRoute.POST, { method: "POST", token: admin, body: webhookChannel() })).body;
    const badMatch = await callRoute(routesRoute.POST, { method: "POST", token: admin, body: { name: "x", match: { tiers: ["staging"] }, channelIds: [channel.id] } });
    expect(badMatch.status).toBe(422);
    expect(badMatch.body.error.field).toBe("match.tiers.0");
    expect((await callRoute(routesRoute.POST, { method: "POST", token: admin, body: { name: "x", channelIds: ["nope"] } })).body.error.field).toBe("channelIds");
    const backwards = await callRoute(maintenanceRoute.POST, { method: "POST", token: operator, body: { name: "upgrade", startsAt: "2026-11-25T12:00:00Z", endsAt: "2026-11-25T11:00:00Z" } });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.field).toBe("endsAt");
    expect(await database().db.alertRoute.count()).toBe(0);
    expect(await database().db.maintenanceWindow.count()).toBe(0);

    expect((await callRoute(routesRoute.POST, { method: "POST", token: admin, body: { name: "Prod", match: { tiers: ["prod"] }, channelIds: [channel.id] } })).status).toBe(201);
    expect((await callRoute(routesRoute.GET, { token: viewer })).body.routes).toEqual([expect.objectContaining({ name: "Prod", channels: [expect.objectContaining({ name: "Ops webhook" })] })]);
    const snooze = await callRoute(maintenanceRoute.POST, { method: "POST", token: operator, body: { name: "Snooze checkout", match: { namespaces: ["checkout"] }, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString() } });
    expect(snooze.status).toBe(201);
    expect((await callRoute(maintenanceRoute.GET, { token: viewer })).body.windows).toHaveLength(1);
    expect((await callRoute(deliveriesRoute.GET, { token: viewer, path: "/api/alerts/deliveries?limit=0" })).body.error.field).toBe("limit");
  });

  it("brings the strategy's routes with the first channel of a kind, once", async () => {
    const add = (body: unknown) => callRoute(channelsRoute.POST, { method: "POST", token: admin, body });
    expect((await add({ name: "#production-alerts", kind: "slack", secret: "https://hooks.slack.com/services/T1/B1/x" })).status).toBe(201);
    expect((await add({ name: "On-call", kind: "pagerduty", secret: "R0UTINGKEY0123456789abcdef" })).status).toBe(201);
    expect((await add({ name: "#ops", kind: "slack", secret: "https://hooks.slack.com/services/T1/B2/y" })).status).toBe(201);
    const routes = (await callRoute(routesRoute.GET, { token: viewer })).body.routes as { name: string; match: unknown; channels: { name: string }[] }[];
    expect(routes.map((route) => [route.name, route.channels.map((channel) => channel.name)])).toEqual([
      ["Production → Slack #production-alerts", ["#production-alerts"]],
      ["Class A production job failed → PagerDuty", ["On-call"]],
      ["Production worker monitor failing → PagerDuty", ["On-call"]],
    ]);
    expect(routes[1]!.match).toEqual({ types: ["job.failed", "job.timed_out"], tiers: ["prod"], classes: ["A"] });
  });

  it("previews which recent events a route would take, naming a wrong field", async () => {
    const event = (type: string, tier: "prod" | "nonprod", severity: string) => ({ type, groupKey: `${type}:${tier}`, severity, tier, title: `${type} on ${tier}`, data: {} });
    await database().db.alertEvent.createMany({ data: [event("job.failed", "prod", "critical"), event("job.failed", "nonprod", "warning"), event("health.down", "prod", "error")] });
    const preview = await callRoute(previewRoute.POST, { method: "POST", token: viewer, body: { match: { tiers: ["prod"], minSeverity: "error" } } });
    expect(preview.body).toMatchObject({ examined: 3, matched: 2 });
    expect(preview.body.events.map((item: { title: string }) => item.title).sort()).toEqual(["health.down on prod", "job.failed on prod"]);
    expect((await callRoute(previewRoute.POST, { method: "POST", token: viewer, body: { match: { minSeverity: "loud" } } })).body.error.field).toBe("match.minSeverity");
  });

  it("turns a route off and on, and removes it, for admins only", async () => {
    const { channel } = (await callRoute(channelsRoute.POST, { method: "POST", token: admin, body: webhookChannel() })).body;
    const { route } = (await callRoute(routesRoute.POST, { method: "POST", token: admin, body: { name: "All", channelIds: [channel.id] } })).body;
    expect((await callRoute(routeRoute.PATCH, { method: "PATCH", token: operator, params: { id: route.id }, body: { enabled: false } })).status).toBe(403);
    expect((await callRoute(routeRoute.PATCH, { method: "PATCH", token: admin, params: { id: route.id }, body: { enabled: "no" } })).body.error.field).toBe("enabled");
    expect((await callRoute(routeRoute.PATCH, { method: "PATCH", token: admin, params: { id: route.id }, body: { enabled: false } })).status).toBe(200);
    expect((await callRoute(routesRoute.GET, { token: viewer })).body.routes[0].enabled).toBe(false);
    expect((await callRoute(routeRoute.DELETE, { method: "DELETE", token: admin, params: { id: route.id } })).status).toBe(200);
    expect((await callRoute(routeRoute.DELETE, { method: "DELETE", token: admin, params: { id: route.id } })).status).toBe(404);
    expect(await database().db.alertRoute.count()).toBe(0);
  });
});
