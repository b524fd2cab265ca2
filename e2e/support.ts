import { createHmac } from "node:crypto";
import { expect, request as requestFactory, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "correct horse battery staple", name: "Ada Admin" };
export const PASSWORD = "a long shared test passphrase";

/**
 * Signs in through the API and returns the session cookie as a header value. Uses a
 * throwaway request context: the shared one keeps a cookie jar, which would silently
 * authenticate every later "anonymous" request.
 */
export async function sessionCookie(_request: APIRequestContext, email: string, password: string): Promise<string> {
  const context = await requestFactory.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const response = await context.post("/api/auth/signin", { data: { email, password } });
    expect(response.status(), `sign in as ${email}`).toBe(200);
    const setCookie = response.headers()["set-cookie"];
    expect(setCookie).toBeTruthy();
    return setCookie!.split(";")[0]!;
  } finally {
    await context.dispose();
  }
}

/** Creates the user if missing (as admin) and returns a session cookie for them. */
export async function userCookie(request: APIRequestContext, adminCookie: string, email: string, role: string): Promise<string> {
  const created = await request.post("/api/users", { headers: { cookie: adminCookie }, data: { email, role, password: PASSWORD } });
  expect([201, 409]).toContain(created.status());
  return sessionCookie(request, email, PASSWORD);
}

export async function apiToken(request: APIRequestContext, adminCookie: string, role: string, expiresInDays: number | null = null): Promise<string> {
  const response = await request.post("/api/tokens", { headers: { cookie: adminCookie }, data: { name: `e2e-${role}-${Date.now()}`, role, expiresInDays } });
  expect(response.status()).toBe(201);
  return (await response.json()).secret as string;
}

/** Submits the sign-in form; use `signIn` when the sign-in is meant to succeed. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in through the form and waits until the app has moved on: navigating before the
 * session cookie arrives would land back on the sign-in page (a race seen under CI load).
 */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().includes("/signin")) await page.goto("/signin");
  await signInThroughForm(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** The secret e2e/serve.mjs gives the server in SENTRY_CLIENT_SECRET. */
export const WEBHOOK_SECRET = "e2e-webhook-secret";

/**
 * Sends an issue webhook (`action` on `issue`) through the real endpoint, signed the way
 * Sentry signs it; `at` is its Sentry-Hook-Timestamp in milliseconds. Expects it accepted.
 */
export async function deliverIssueWebhook(request: APIRequestContext, action: string, issue: Record<string, unknown>, at = Date.now()): Promise<APIResponse> {
  const raw = JSON.stringify({ action, installation: { uuid: "e2e" }, data: { issue }, actor: { type: "application", id: "sentry", name: "Sentry" } });
  const response = await request.post("/api/webhooks/sentry", {
    data: raw,
    headers: {
      "content-type": "application/json",
      "sentry-hook-resource": "issue",
      "sentry-hook-timestamp": String(Math.floor(at / 1000)),
      "sentry-hook-signature": createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex"),
      "request-id": crypto.randomUUID(),
    },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response;
}
