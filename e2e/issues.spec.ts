import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, signIn } from "./support";

// The secret e2e/serve.mjs gives the server in SENTRY_CLIENT_SECRET.
const WEBHOOK_SECRET = "e2e-webhook-secret";
// The repository's own Sentry payloads (the unit and integration tests send them too).
const FIXTURES = path.resolve(import.meta.dirname, "..", "tests", "fixtures", "sentry", "webhooks");

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, unknown>;
}

/** Sends a body through the real webhook endpoint, signed the way Sentry signs it. */
async function deliver(request: APIRequestContext, resource: string, body: unknown): Promise<void> {
  const raw = JSON.stringify(body);
  const response = await request.post("/api/webhooks/sentry", {
    data: raw,
    headers: {
      "content-type": "application/json",
      "sentry-hook-resource": resource,
      "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)),
      "sentry-hook-signature": createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex"),
      "request-id": crypto.randomUUID(),
    },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

const FATAL = fixture("issue-created.json") as { data: { issue: { id: string; shortId: string; title: string; culprit: string; permalink: string } } };
const WARNING = structuredClone(FATAL);
Object.assign(WARNING.data.issue, {
  id: "5872301947",
  shortId: "CHECKOUT-API-2M",
  title: "Slow query: SELECT * FROM orders took 4.2 s",
  culprit: "checkout.views.place_order",
  level: "warning",
  permalink: "https://acme-shop.sentry.io/issues/5872301947/",
});

test.beforeAll(async ({ request }) => {
  await deliver(request, "issue", FATAL);
  await deliver(request, "issue", WARNING);
  await deliver(request, "error", fixture("error-created.json"));
});

test("issues from Sentry webhooks are listed, filtered by level, and open in detail", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();

  await page.goto("/issues");
  const rows = page.getByTestId("issue-row");
  await expect(rows.filter({ hasText: FATAL.data.issue.title })).toHaveCount(1);
  await expect(rows.filter({ hasText: WARNING.data.issue.title })).toHaveCount(1);

  await page.getByLabel("Level").selectOption("warning");
  await expect(page).toHaveURL(/level=warning/);
  await expect(rows.filter({ hasText: WARNING.data.issue.title })).toHaveCount(1);
  await expect(rows.filter({ hasText: FATAL.data.issue.title })).toHaveCount(0);

  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).not.toHaveURL(/level=/);
  await page.getByRole("link", { name: FATAL.data.issue.title }).click();

  await expect(page.getByRole("heading", { name: FATAL.data.issue.title, level: 1 })).toBeVisible();
  await expect(page.locator("header").getByText(FATAL.data.issue.culprit, { exact: true })).toBeVisible();
  const timeline = page.getByTestId("timeline");
  await expect(timeline.getByText("Webhook issue.created")).toBeVisible();
  await expect(timeline.getByText("Issue first reported by Sentry")).toBeVisible();
  await expect(page.getByRole("link", { name: /Open in Sentry/ })).toHaveAttribute("href", FATAL.data.issue.permalink);
  await expect(page.getByRole("button", { name: "Run remediation" })).toBeEnabled();
});

test("an unknown issue id is a 404 page", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  const response = await page.goto("/issues/999999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Issue not found" })).toBeVisible();
});

test("admins see each webhook delivery with its stored body", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await page.goto("/settings/deliveries");
  const row = page.getByTestId("delivery-row").filter({ hasText: "issue.created" }).first();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Body" }).click();
  const shortIds = [FATAL, WARNING].map((issue) => `"shortId": "${issue.data.issue.shortId}"`);
  await expect(page.getByText(new RegExp(shortIds.join("|")))).toBeVisible();
  await expect(page.getByText(/sentry-hook-signature/i)).toHaveCount(0);
});
