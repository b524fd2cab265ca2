import { spawnSync } from "node:child_process";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, deliverIssueWebhook, signIn, WEBHOOK_SECRET } from "./support";

// The closed loop on the demo data (npm run demo): an operator runs a remediation on an issue,
// the job succeeds, the app resolves the issue through Sentry's API (the fake in e2e/serve.mjs),
// and the quiet window (REMEDIATION_VERIFY_MINUTES=0.1 there) verifies it — or a regression
// marks it ineffective.
const CART_ISSUE = { sentryId: "4100000004", shortId: "WEB-2K", title: "TypeError: Cannot read properties of undefined (reading 'price')" };

function sentryApiUrl(): string {
  const base = new URL(test.info().project.use.baseURL!);
  return `http://127.0.0.1:${Number(base.port) + 1}`;
}

async function sentryApiRequests(request: APIRequestContext): Promise<{ method: string; path: string; body: unknown; authorized: boolean }[]> {
  return (await request.get(`${sentryApiUrl()}/sentry-api/requests`)).json();
}

function stage(page: Page, key: string) {
  return page.getByRole("list", { name: "Self-healing loop" }).locator(`[data-stage="${key}"]`);
}

/** Reloads the issue page until the loop step reaches the state (the resolve runs right after the job; the verdict on a tick). */
async function waitForStage(page: Page, key: string, state: string, options: { tick?: boolean } = {}) {
  await expect(async () => {
    if (options.tick) expect((await page.request.post("/api/cron/tick")).status()).toBe(200);
    await page.reload();
    await expect(stage(page, key)).toHaveAttribute("data-state", state, { timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
}

async function runRemediationFromIssuePage(page: Page) {
  await page.getByRole("button", { name: "Run remediation" }).click();
  const dialog = page.getByRole("dialog", { name: "Run remediation" });
  await expect(dialog.locator("form[data-ready]")).toBeVisible();
  await dialog.getByLabel("Script").selectOption("noop");
  // A manual run resolves in Sentry only when the operator asks.
  const resolve = dialog.getByRole("checkbox", { name: /Resolve the issue in Sentry when this succeeds/ });
  await expect(resolve).not.toBeChecked();
  await resolve.check();
  await dialog.getByRole("button", { name: "Run remediation" }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
}

test.beforeAll(() => {
  const demo = spawnSync("npx", ["tsx", "scripts/demo.ts", "--url", test.info().project.use.baseURL!, "--secret", WEBHOOK_SECRET], { encoding: "utf8" });
  expect(demo.status, demo.stdout + demo.stderr).toBe(0);
});

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
});

test("overview → issue → run remediation → job succeeds → resolved in Sentry → verified", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("region", { name: "Sentry issues" }).getByRole("link", { name: "Open →" }).click();
  await expect(page.getByRole("heading", { name: "Issues", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: CART_ISSUE.title }).click();
  await expect(page.getByRole("heading", { name: CART_ISSUE.title })).toBeVisible();
  await expect(stage(page, "detected")).toHaveAttribute("data-state", "done");
  await expect(stage(page, "submitted")).toHaveAttribute("data-state", "waiting");

  await runRemediationFromIssuePage(page);
  await page.getByRole("link", { name: new RegExp(`${CART_ISSUE.shortId}: `) }).click();
  await page.waitForURL(/\/issues\//);
  await waitForStage(page, "resolved", "done");
  await expect(stage(page, "ran")).toHaveAttribute("data-state", "done");
  await expect(stage(page, "verified")).toHaveAttribute("data-state", "current");
  await expect(page.getByTestId("timeline")).toContainText("Resolved in Sentry after noop succeeded");
  const resolves = (await sentryApiRequests(request)).filter((call) => call.method === "PUT" && call.path === `/api/0/organizations/e2e-org/issues/${CART_ISSUE.sentryId}/`);
  expect(resolves).toEqual([expect.objectContaining({ body: { status: "resolved" }, authorized: true })]);
  const issue = (await (await page.request.get(`/api/issues/${CART_ISSUE.sentryId}`)).json()) as { issue: { status: string } };
  expect(issue.issue.status).toBe("resolved");

  // The quiet window is 6 s here; the cron tick gives the verdict.
  await waitForStage(page, "verified", "done", { tick: true });
  await expect(page.getByRole("list", { name: "Self-healing loop" })).toContainText("Verified");
  await expect(page.getByTestId("timeline")).toContainText("Remediation verified");
  await page.screenshot({ path: "docs/screenshots/issue-loop.png", fullPage: true });

  // The issues list shows the verdict in place of the job's status.
  await page.goto("/issues?status=resolved");
  await expect(page.getByRole("row").filter({ hasText: CART_ISSUE.title })).toContainText("Verified");

  // The overview counts it: noop fixed an issue and the fix held (the last hour is computed
  // live; longer ranges show a snapshot the tick refreshes).
  await page.goto("/?range=1h");
  const effectiveness = page.getByRole("region", { name: "Remediation effectiveness" });
  await expect(effectiveness.getByTestId("loop-table")).toContainText("noop");
  const noopRow = effectiveness.getByRole("row").filter({ hasText: /^noop/ });
  await expect(noopRow.locator("td").nth(4)).not.toHaveText("0");
});

test("a regression after the resolve marks the remediation ineffective and reopens the issue", async ({ page, request }) => {
  const issue = { id: "4242424300", shortId: "SHOP-10", title: "Error: Payment provider timed out", culprit: "payments/charge.ts", level: "error", status: "unresolved", project: { id: "1", slug: "shop", name: "shop" }, firstSeen: new Date().toISOString(), lastSeen: new Date().toISOString(), count: "7", userCount: 3 };
  const deliver = (action: string, status: string, at: number) => deliverIssueWebhook(request, action, { ...issue, status }, at);
  await deliver("created", "unresolved", Date.now());
  await page.goto(`/issues/${issue.id}`);
  await runRemediationFromIssuePage(page);
  await page.goto(`/issues/${issue.id}`);
  await waitForStage(page, "resolved", "done");

  // Sentry sees the error again and unresolves the issue.
  await deliver("unresolved", "unresolved", Date.now() + 2000);
  await page.reload();
  await expect(stage(page, "verified")).toHaveAttribute("data-state", "failed");
  await expect(stage(page, "verified")).toContainText("Ineffective");
  await expect(page.getByTestId("timeline")).toContainText("Remediation ineffective");
  const stored = (await (await page.request.get(`/api/issues/${issue.id}`)).json()) as { issue: { status: string } };
  expect(stored.issue.status).toBe("unresolved");
});
