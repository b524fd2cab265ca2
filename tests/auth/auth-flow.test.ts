import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as setupRoute from "@/app/api/setup/route";
import * as signInRoute from "@/app/api/auth/signin/route";
import * as signOutRoute from "@/app/api/auth/signout/route";
import * as meRoute from "@/app/api/auth/me/route";
import * as usersRoute from "@/app/api/users/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as auditRoute from "@/app/api/audit/route";
import { createApiToken, principalFromSessionSecret, SYSTEM_ACTOR } from "@/lib/auth";
import { createSession } from "@/lib/auth/sessions";
import { resetConfigForTests } from "@/lib/config";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callRoute, cookieFrom } from "../support/routes";

const ADMIN = { email: "admin@example.com", password: "correct horse battery staple" };
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
});

async function setUpAdmin(): Promise<string> {
  expect((await callRoute(setupRoute.POST, { method: "POST", body: ADMIN })).status).toBe(201);
  const signedIn = await callRoute(signInRoute.POST, { method: "POST", body: ADMIN });
  expect(signedIn.status).toBe(200);
  return cookieFrom(signedIn.headers);
}

async function addUser(adminCookie: string, email: string, role: string): Promise<string> {
  const password = "another long passphrase";
  const created = await callRoute(usersRoute.POST, { method: "POST", cookie: adminCookie, body: { email, role, password } });
  expect(created.status).toBe(201);
  const signedIn = await callRoute(signInRoute.POST, { method: "POST", body: { email, password } });
  return cookieFrom(signedIn.headers);
}

describe("first-run setup", () => {
  it("is offered only while there are no users", async () => {
    expect((await callRoute(setupRoute.GET)).body).toEqual({ needsSetup: true });
    await setUpAdmin();
    expect((await callRoute(setupRoute.GET)).body).toEqual({ needsSetup: false });
    const again = await callRoute(setupRoute.POST, { method: "POST", body: { email: "intruder@example.com", password: "a very long password" } });
    expect(again.status).toBe(409);
    expect(await database.db.user.count()).toBe(1);
  });

  it("names the wrong field and stores nothing on bad input", async () => {
    const weak = await callRoute(setupRoute.POST, { method: "POST", body: { email: "a@example.com", password: "short" } });
    expect(weak.status).toBe(422);
    expect(weak.body.error.field).toBe("password");
    const badEmail = await callRoute(setupRoute.POST, { method: "POST", body: { email: "nope", password: "a very long password" } });
    expect(badEmail.body.error).toMatchObject({ code: "validation_failed", field: "email" });
    const notJson = await callRoute(setupRoute.POST, { method: "POST", rawBody: "{not json", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(await database.db.user.count()).toBe(0);
  });

  it("creates exactly one admin when two set-ups race", async () => {
    const results = await Promise.all(
      ["one@example.com", "two@example.com"].map((email) => callRoute(setupRoute.POST, { method: "POST", body: { email, password: "a very long password" } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await database.db.user.count()).toBe(1);
  });
});

describe("sign-in and sessions", () => {
  it("signs in with an httpOnly SameSite=Lax cookie, and signs out", async () => {
    await callRoute(setupRoute.POST, { method: "POST", body: ADMIN });
    const signedIn = await callRoute(signInRoute.POST, { method: "POST", body: ADMIN });
    const setCookie = signedIn.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = cookieFrom(signedIn.headers);
    expect((await callRoute(meRoute.GET, { cookie })).body).toMatchObject({ email: ADMIN.email, role: "admin" });
    const out = await callRoute(signOutRoute.POST, { method: "POST", cookie, headers: { "sec-fetch-site": "same-origin" } });
    expect(out.status).toBe(204);
    expect((await callRoute(meRoute.GET, { cookie })).status).toBe(401);
  });

  it("rejects a wrong password without saying which part was wrong", async () => {
    await callRoute(setupRoute.POST, { method: "POST", body: ADMIN });
    const wrong = await callRoute(signInRoute.POST, { method: "POST", body: { ...ADMIN, password: "wrong password here" } });
    const unknown = await callRoute(signInRoute.POST, { method: "POST", body: { ...ADMIN, email: "nobody@example.com" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it("rate-limits repeated failures for one email with Retry-After", async () => {
    process.env.SIGNIN_MAX_FAILURES = "3";
    resetConfigForTests();
    try {
      await callRoute(setupRoute.POST, { method: "POST", body: ADMIN });
      for (let i = 0; i < 3; i++) {
        expect((await callRoute(signInRoute.POST, { method: "POST", body: { ...ADMIN, password: "wrong password here" } })).status).toBe(401);
      }
      const blocked = await callRoute(signInRoute.POST, { method: "POST", body: ADMIN });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      delete process.env.SIGNIN_MAX_FAILURES;
      resetConfigForTests();
    }
  });

  it("expires sessions after their lifetime", async () => {
    await callRoute(setupRoute.POST, { method: "POST", body: ADMIN });
    const user = await database.db.user.findFirstOrThrow();
    const issued = new Date("2026-01-01T00:00:00Z");
    const { secret } = await createSession(user.id, { ttlHours: 1 }, issued);
    expect(await principalFromSessionSecret(secret, new Date("2026-01-01T00:59:00Z"))).not.toBeNull();
    expect(await principalFromSessionSecret(secret, new Date("2026-01-01T01:00:01Z"))).toBeNull();
  });

  it("rotates the session on sign-in: the cookie the browser carried stops working, other devices' sessions stay", async () => {
    const first = await setUpAdmin();
    const otherDevice = cookieFrom((await callRoute(signInRoute.POST, { method: "POST", body: ADMIN })).headers);
    const second = cookieFrom((await callRoute(signInRoute.POST, { method: "POST", body: ADMIN, cookie: first })).headers);
    expect(second).not.toBe(first);
    expect((await callRoute(meRoute.GET, { cookie: first })).status).toBe(401);
    expect((await callRoute(meRoute.GET, { cookie: second })).status).toBe(200);
    expect((await callRoute(meRoute.GET, { cookie: otherDevice })).status).toBe(200);
  });
});

describe("CSRF", () => {
  it("refuses a cookie-authenticated mutation from another site", async () => {
    const cookie = await setUpAdmin();
    const forged = await callRoute(tokensRoute.POST, { method: "POST", cookie, headers: { "sec-fetch-site": "cross-site" }, body: { name: "x", role: "admin" } });
    expect(forged.status).toBe(403);
    const viaOrigin = await callRoute(tokensRoute.POST, { method: "POST", cookie, headers: { origin: "https://evil.example" }, body: { name: "x", role: "admin" } });
    expect(viaOrigin.status).toBe(403);
    expect(await database.db.apiToken.count()).toBe(0);
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, and work as Bearer tokens with their role", async () => {
    const cookie = await setUpAdmin();
    const created = await callRoute(tokensRoute.POST, { method: "POST", cookie, headers: { "sec-fetch-site": "same-origin" }, body: { name: "ci", role: "viewer" } });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^ops_/);
    const stored = await database.db.apiToken.findFirstOrThrow();
    expect(stored.tokenHash).not.toContain(secret);
    const listed = await callRoute(tokensRoute.GET, { cookie });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain(stored.tokenHash);

    expect((await callRoute(meRoute.GET, { token: secret })).body).toMatchObject({ kind: "api_token", role: "viewer" });
    expect((await callRoute(usersRoute.GET, { token: secret })).status).toBe(403);

    const revoked = await callRoute(tokenRoute.DELETE, { method: "DELETE", cookie, headers: { "sec-fetch-site": "same-origin" }, params: { id: stored.id } });
    expect(revoked.status).toBe(200);
    expect((await callRoute(meRoute.GET, { token: secret })).status).toBe(401);
  });

  it("stop working once expired", async () => {
    const { secret } = await createApiToken({ name: "old", role: "admin", expiresInDays: 1 }, SYSTEM_ACTOR, new Date(Date.now() - 2 * 86_400_000));
    expect((await callRoute(meRoute.GET, { token: secret })).status).toBe(401);
  });

  it("reject a malformed Authorization header with 401, not 500", async () => {
    const response = await callRoute(meRoute.GET, { headers: { authorization: "Basic abc" } });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthenticated");
  });
});

describe("users", () => {
  it("lets admins add users; duplicates name the email field", async () => {
    const cookie = await setUpAdmin();
    await addUser(cookie, "op@example.com", "operator");
    const duplicate = await callRoute(usersRoute.POST, { method: "POST", cookie, body: { email: "OP@example.com", role: "viewer", password: "yet another long one" } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.field).toBe("email");
  });

  it("never leaves the product without an active admin", async () => {
    const cookie = await setUpAdmin();
    const admin = await database.db.user.findFirstOrThrow();
    const demote = await callRoute(userRoute.PATCH, { method: "PATCH", cookie, params: { id: admin.id }, body: { role: "viewer" } });
    expect(demote.status).toBe(409);
    expect((await database.db.user.findFirstOrThrow()).role).toBe("admin");
  });

  it("signs a disabled user out everywhere", async () => {
    const adminCookie = await setUpAdmin();
    const viewerCookie = await addUser(adminCookie, "viewer@example.com", "viewer");
    const viewer = await database.db.user.findUniqueOrThrow({ where: { email: "viewer@example.com" } });
    expect((await callRoute(meRoute.GET, { cookie: viewerCookie })).status).toBe(200);
    await callRoute(userRoute.PATCH, { method: "PATCH", cookie: adminCookie, params: { id: viewer.id }, body: { disabled: true } });
    expect((await callRoute(meRoute.GET, { cookie: viewerCookie })).status).toBe(401);
    const again = await callRoute(signInRoute.POST, { method: "POST", body: { email: "viewer@example.com", password: "another long passphrase" } });
    expect(again.status).toBe(401);
  });

  it("answers 404 for an unknown user and 422 for an empty change", async () => {
    const cookie = await setUpAdmin();
    expect((await callRoute(userRoute.PATCH, { method: "PATCH", cookie, params: { id: "nope" }, body: { role: "viewer" } })).status).toBe(404);
    const admin = await database.db.user.findFirstOrThrow();
    expect((await callRoute(userRoute.PATCH, { method: "PATCH", cookie, params: { id: admin.id }, body: {} })).status).toBe(422);
  });
});

describe("audit log", () => {
  it("records who did each mutation, readable by admins only", async () => {
    const cookie = await setUpAdmin();
    const viewerCookie = await addUser(cookie, "viewer@example.com", "viewer");
    await callRoute(tokensRoute.POST, { method: "POST", cookie, body: { name: "ci", role: "operator" } });
    const log = await callRoute(auditRoute.GET, { cookie });
    expect(log.status).toBe(200);
    const actions = log.body.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["setup.completed", "auth.signed_in", "user.created", "api_token.created"]));
    const created = log.body.entries.find((entry: { action: string }) => entry.action === "user.created");
    expect(created).toMatchObject({ actorLabel: ADMIN.email, after: { email: "viewer@example.com", role: "viewer" } });
    expect((await callRoute(auditRoute.GET, { cookie: viewerCookie })).status).toBe(403);
    expect((await callRoute(auditRoute.GET)).status).toBe(401);
    expect((await callRoute(auditRoute.GET, { cookie, path: "/api/audit?limit=0" })).body.error.field).toBe("limit");
  });
});
