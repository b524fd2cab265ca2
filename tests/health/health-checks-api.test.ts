import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as runRoute from "@/app/api/health-checks/[id]/run/route";
import * as checkRoute from "@/app/api/health-checks/[id]/route";
import * as checksRoute from "@/app/api/health-checks/route";
import { withTestDatabase } from "../support/database";
import { startFakeHttp, type FakeHttpServer } from "../support/fake-http";
import { closedPort } from "../support/fake-sockets";
import { callRoute, createRoleTokens } from "../support/routes";

const testDatabase = withTestDatabase({ truncateEach: true });
let web: FakeHttpServer;
let viewer: string;
let operator: string;
let admin: string;

const HEADER_TOKEN = "hdr-9b7e41-token";
const URL_KEY = "qk-55f0a1-key";
const PG_PASSWORD = "pg-c0ffee-password";
const UPSTASH_TOKEN = "up-d00d1e-token";
const SECRETS = [HEADER_TOKEN, URL_KEY, PG_PASSWORD, UPSTASH_TOKEN];

beforeAll(async () => {
  web = await startFakeHttp((request) => (request.headers.authorization === `Bearer ${HEADER_TOKEN}` ? { status: 200, body: "ok" } : { status: 401, body: "who are you" }));
});
afterAll(async () => {
  await web.close();
});
beforeEach(async () => {
  ({ viewer, operator, admin } = await createRoleTokens());
});

const httpCheck = () => ({ name: "API", kind: "http", target: { url: `${web.url}/health?api_key=${URL_KEY}&region=eu`, headers: { Authorization: `Bearer ${HEADER_TOKEN}`, Accept: "text/plain" } } });

function create(body: unknown, token = admin) {
  return callRoute(checksRoute.POST, { method: "POST", path: "/api/health-checks", body, token });
}
function put(id: string, body: unknown, token = admin) {
  return callRoute(checkRoute.PUT, { method: "PUT", path: `/api/health-checks/${id}`, params: { id }, body, token });
}
function get(id: string, token = viewer) {
  return callRoute(checkRoute.GET, { path: `/api/health-checks/${id}`, params: { id }, token });
}
function run(id: string, token = operator) {
  return callRoute(runRoute.POST, { method: "POST", path: `/api/health-checks/${id}/run`, params: { id }, token });
}

async function auditText(): Promise<string> {
  return JSON.stringify(await testDatabase().db.auditLogEntry.findMany({ where: { action: { startsWith: "health_check." } } }));
}

describe("health checks over HTTP", () => {
  it("lets admins create, edit and delete, operators run, and everyone signed in read", async () => {
    expect((await callRoute(checksRoute.GET, { path: "/api/health-checks" })).status).toBe(401);
    expect((await create(httpCheck(), operator)).status).toBe(403);
    const created = await create(httpCheck());
    expect(created.status).toBe(201);
    const id = created.body.check.id as string;
    expect(created.body.check).toMatchObject({ name: "API", kind: "http", state: "unknown", enabled: true, intervalSeconds: 60, timeoutMs: 5000, lastSample: null, uptime24h: null });

    expect((await callRoute(checksRoute.GET, { path: "/api/health-checks", token: viewer })).body.checks).toHaveLength(1);
    expect((await get(id)).status).toBe(200);
    expect((await run(id, viewer)).status).toBe(403);
    expect((await put(id, { ...httpCheck(), name: "x" }, operator)).status).toBe(403);
    expect((await callRoute(checkRoute.DELETE, { method: "DELETE", path: `/api/health-checks/${id}`, params: { id }, token: operator })).status).toBe(403);

    expect((await callRoute(checkRoute.DELETE, { method: "DELETE", path: `/api/health-checks/${id}`, params: { id }, token: admin })).body).toEqual({ deleted: true });
    expect((await get(id)).status).toBe(404);
    expect((await run(id)).status).toBe(404);
    expect((await put(id, httpCheck())).status).toBe(404);
    expect(await testDatabase().db.auditLogEntry.findMany({ where: { action: { startsWith: "health_check." } }, select: { action: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { action: "health_check.created" },
      { action: "health_check.deleted" },
    ]);
  });

  it("answers bad input with 4xx naming the field, and stores nothing", async () => {
    const cases: [unknown, string][] = [
      [{ ...httpCheck(), name: "" }, "name"],
      [{ ...httpCheck(), kind: "smtp" }, "kind"],
      [{ ...httpCheck(), intervalSeconds: 5 }, "intervalSeconds"],
      [{ ...httpCheck(), timeoutMs: "fast" }, "timeoutMs"],
      [{ name: "x", kind: "http", target: { url: "gopher://old.example" } }, "target.url"],
      [{ name: "x", kind: "http", target: { url: "https://a.example", expectedStatus: [200, 99] } }, "target.expectedStatus.1"],
      [{ name: "x", kind: "http", timeoutMs: 500, target: { url: "https://a.example", latencyThresholdMs: 800 } }, "target.latencyThresholdMs"],
      [{ name: "x", kind: "tcp", target: { host: "db.internal", port: 99999 } }, "target.port"],
      [{ name: "x", kind: "redis", target: { mode: "upstash", url: "https://x.upstash.io" } }, "target.token"],
      [{ name: "x", kind: "postgres", target: { url: "postgres://app:***@db/app" } }, "target.url"],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toMatchObject({ code: "validation_failed", field });
    }
    expect((await callRoute(checksRoute.POST, { method: "POST", path: "/api/health-checks", rawBody: "{", headers: { "content-type": "application/json" }, token: admin })).status).toBe(400);
    expect(await testDatabase().db.healthCheck.count()).toBe(0);

    expect((await create(httpCheck())).status).toBe(201);
    const duplicate = await create(httpCheck());
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.field).toBe("name");
  });

  it("never shows a stored secret: not in create, list, detail, update, run responses nor audit entries", async () => {
    const port = await closedPort();
    const bodies = [
      httpCheck(),
      { name: "Primary DB", kind: "postgres", target: { url: `postgres://app:${PG_PASSWORD}@127.0.0.1:${port}/app` } },
      { name: "Cache", kind: "redis", target: { mode: "upstash", url: `http://127.0.0.1:${port}`, token: UPSTASH_TOKEN } },
    ];
    const texts: string[] = [];
    const ids: string[] = [];
    for (const body of bodies) {
      const created = await create(body);
      expect(created.status).toBe(201);
      ids.push(created.body.check.id);
      texts.push(JSON.stringify(created.body));
    }
    for (const id of ids) {
      texts.push(JSON.stringify((await run(id)).body));
      texts.push(JSON.stringify((await get(id)).body));
    }
    const list = await callRoute(checksRoute.GET, { path: "/api/health-checks", token: viewer });
    texts.push(JSON.stringify(list.body));
    texts.push(await auditText());
    for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);

    const shown = Object.fromEntries((list.body.checks as { name: string; target: unknown; summary: string }[]).map((check) => [check.name, check]));
    expect(shown["API"]).toMatchObject({ target: { url: `${web.url}/health?api_key=***&region=eu`, headers: { Authorization: "***", Accept: "text/plain" } } });
    expect(shown["Primary DB"]).toMatchObject({ target: { url: `postgres://app:***@127.0.0.1:${port}/app` }, summary: `postgres://app:***@127.0.0.1:${port}/app` });
    expect(shown["Cache"]).toMatchObject({ target: { token: "***" } });
    // What was stored is the real thing.
    expect(JSON.stringify(await testDatabase().db.healthCheck.findMany())).toContain(PG_PASSWORD);
  });

  it("keeps the stored secrets when an edit sends their *** back, and probes with them", async () => {
    const { id } = (await create(httpCheck())).body.check;
    const shown = (await get(id)).body.check;
    const renamed = await put(id, { name: "API (edge)", kind: shown.kind, target: shown.target, intervalSeconds: 120, timeoutMs: shown.timeoutMs, enabled: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body.check).toMatchObject({ name: "API (edge)", intervalSeconds: 120, target: { headers: { Authorization: "***" } } });
    const stored = await testDatabase().db.healthCheck.findUniqueOrThrow({ where: { id } });
    expect(stored.target).toMatchObject({ url: `${web.url}/health?api_key=${URL_KEY}&region=eu`, headers: { Authorization: `Bearer ${HEADER_TOKEN}` } });
    const ran = await run(id);
    expect(ran.status).toBe(200);
    expect(ran.body.sample).toMatchObject({ ok: true, error: null });

    // The audit entry names the change, never the secret.
    const audit = await testDatabase().db.auditLogEntry.findFirstOrThrow({ where: { action: "health_check.updated" } });
    expect(audit.summary).toBe("Health check “API (edge)” changed: name, intervalSeconds");
    const rotated = await put(id, { ...httpCheck(), name: "API (edge)", intervalSeconds: 120, target: { ...shown.target, headers: { ...shown.target.headers, Authorization: "Bearer rotated-token-1" } } });
    expect(rotated.status).toBe(200);
    expect((await testDatabase().db.auditLogEntry.findFirstOrThrow({ where: { action: "health_check.updated" }, orderBy: { createdAt: "desc" } })).summary).toBe("Health check “API (edge)” changed: target.headers");
    expect(await auditText()).not.toContain("rotated-token-1");

    // *** stands only for a secret of the same kind of check.
    const other = await put(id, { name: "API (edge)", kind: "postgres", target: { url: "postgres://app:***@db/app" } });
    expect(other.status).toBe(422);
    expect(other.body.error.field).toBe("target.url");
  });

  it("runs a check on request: stores the sample, opens the incident and audits the run", async () => {
    const port = await closedPort();
    const { id } = (await create({ name: "Gone", kind: "tcp", target: { host: "127.0.0.1", port } })).body.check;
    const ran = await run(id);
    expect(ran.status).toBe(200);
    expect(ran.body.sample).toMatchObject({ ok: false, latencyMs: null, error: `connection refused by 127.0.0.1:${port}` });
    expect(ran.body.check).toMatchObject({ state: "down", uptime24h: 0, openIncident: { reason: `connection refused by 127.0.0.1:${port}`, resolvedAt: null } });
    const detail = (await get(id)).body;
    expect(detail.recentSamples).toHaveLength(1);
    expect(detail.incidents).toHaveLength(1);
    expect(detail.series).toHaveLength(144);
    expect(await testDatabase().db.auditLogEntry.findFirst({ where: { action: "health_check.run" } })).toMatchObject({ targetId: id, summary: expect.stringContaining("down (connection refused") });
    // Its interval starts over: the tick will not probe it again at once.
    const stored = await testDatabase().db.healthCheck.findUniqueOrThrow({ where: { id } });
    expect(stored.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });
});
