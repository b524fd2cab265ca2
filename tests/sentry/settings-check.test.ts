import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as checkRoute from "@/app/api/settings/sentry/check/route";
import { createApiToken, SYSTEM_ACTOR } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { latestWebhookDelivery, pollCursors, sentrySettingsView } from "@/lib/sentry/status";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startFakeSentryApi, type FakeSentryApi } from "../support/fake-sentry-api";
import { callRoute } from "../support/routes";

const SENTRY_ENV = ["SENTRY_API_BASE_URL", "SENTRY_API_TOKEN", "SENTRY_ORG", "SENTRY_PROJECTS", "SENTRY_API_TIMEOUT_MS", "SENTRY_CLIENT_SECRET"] as const;

let database: TestDatabase;
let sentry: FakeSentryApi;

function configure(env: Partial<Record<(typeof SENTRY_ENV)[number], string>>): void {
  for (const name of SENTRY_ENV) delete process.env[name];
  Object.assign(process.env, env);
  resetConfigForTests();
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  configure({});
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  sentry = await startFakeSentryApi();
  sentry.addProject("web");
  configure({ SENTRY_API_BASE_URL: sentry.url, SENTRY_API_TOKEN: sentry.token, SENTRY_ORG: sentry.organization, SENTRY_PROJECTS: "web" });
});
afterEach(async () => {
  await sentry.close();
});

async function tokenFor(role: "viewer" | "operator" | "admin"): Promise<string> {
  return (await createApiToken({ name: role, role, expiresInDays: null }, SYSTEM_ACTOR)).secret;
}

const check = async (token?: string) => callRoute(checkRoute.POST, { method: "POST", path: "/api/settings/sentry/check", token });

describe("POST /api/settings/sentry/check", () => {
  it("reports the organization and projects when the token works", async () => {
    const response = await check(await tokenFor("admin"));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, message: "Connected to Acme Corp (acme). Projects found: web." });
  });

  it("answers ok: false naming the variable to fix for a rejected token, not a 500", async () => {
    configure({ SENTRY_API_BASE_URL: sentry.url, SENTRY_API_TOKEN: "sntrys_revoked_token_value", SENTRY_ORG: "acme", SENTRY_PROJECTS: "web" });
    const response = await check(await tokenFor("admin"));
    expect(response.status).toBe(200);
    expect(response.body.ok).toBe(false);
    expect(response.body.message).toMatch(/SENTRY_API_TOKEN/);
    expect(JSON.stringify(response.body)).not.toContain("sntrys_revoked_token_value");
  });

  it("answers ok: false for a project Sentry does not have", async () => {
    configure({ SENTRY_API_BASE_URL: sentry.url, SENTRY_API_TOKEN: sentry.token, SENTRY_ORG: "acme", SENTRY_PROJECTS: "web,ghost" });
    const response = await check(await tokenFor("admin"));
    expect(response.body).toEqual({ ok: false, message: expect.stringMatching(/no project ghost.*SENTRY_PROJECTS/) });
  });

  it("answers ok: false when the API is not configured, without calling Sentry", async () => {
    configure({});
    const response = await check(await tokenFor("admin"));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: false, message: expect.stringMatching(/SENTRY_API_TOKEN and SENTRY_ORG/) });
    expect(sentry.requests).toHaveLength(0);
  });

  it("is for admins only", async () => {
    expect((await check()).status).toBe(401);
    expect((await check(await tokenFor("viewer"))).status).toBe(403);
    expect((await check(await tokenFor("operator"))).status).toBe(403);
    expect(sentry.requests).toHaveLength(0);
  });
});

describe("settings page data", () => {
  it("shows whether secrets are set, never their values", () => {
    const view = sentrySettingsView({
      clientSecret: "client-secret-value",
      allowUnsigned: true,
      apiBaseUrl: "https://sentry.io",
      apiToken: "api-token-value",
      organization: "acme",
      projects: ["web"],
      apiTimeoutMs: 10_000,
    });
    expect(view).toMatchObject({ clientSecretConfigured: true, apiTokenConfigured: true, allowUnsigned: true, organization: "acme" });
    expect(JSON.stringify(view)).not.toMatch(/client-secret-value|api-token-value/);
  });

  it("reads the latest webhook delivery", async () => {
    expect(await latestWebhookDelivery()).toBeNull();
    const base = { contentKey: "k", bodySha256: "h", headers: {}, rawBody: "{}", signatureOk: true };
    await database.db.webhookDelivery.create({ data: { ...base, resource: "issue", action: "created", receivedAt: new Date("2026-03-01T10:00:00Z") } });
    await database.db.webhookDelivery.create({ data: { ...base, resource: "event_alert", action: "triggered", status: "processed", receivedAt: new Date("2026-03-01T11:00:00Z") } });
    expect(await latestWebhookDelivery()).toEqual({
      resource: "event_alert",
      action: "triggered",
      status: "processed",
      signatureOk: true,
      error: null,
      receivedAt: "2026-03-01T11:00:00.000Z",
    });
  });

  it("lists the poller's state for every configured project, polled or not", async () => {
    await database.db.sentryPollCursor.create({ data: { project: "web", lastPolledAt: new Date("2026-03-01T11:00:00Z"), lastError: "Sentry is unavailable" } });
    expect(await pollCursors(["web", "api"])).toEqual([
      { project: "web", lastPolledAt: "2026-03-01T11:00:00.000Z", lastChangeAt: null, lastError: "Sentry is unavailable" },
      { project: "api", lastPolledAt: null, lastChangeAt: null, lastError: null },
    ]);
  });
});
