import { expect, test, type Page } from "@playwright/test";
import { ADMIN, apiToken, deliverIssueWebhook, sessionCookie, signIn, userCookie, PASSWORD } from "./support";

/** The form, once React has hydrated it (a choice made before would be reset). */
async function openForm(page: Page) {
  await page.goto("/jobs/new");
  await expect(page.locator("form[data-ready]")).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
});

test("an operator submits a job from the form and follows it to success, with its log", async ({ page }) => {
  await openForm(page);
  await page.getByLabel("Script").selectOption("sleep");
  await page.getByLabel("seconds").fill("2");
  await page.getByLabel("Namespace").fill("checkout");
  await page.getByRole("button", { name: "Run remediation" }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "sleep" })).toBeVisible();
  await expect(page.getByTestId("job-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
  await expect(page.getByTestId("job-log")).toContainText("Step 2 of 2 done");
  await expect(page.getByText("namespace checkout")).toBeVisible();
});

test("a bad argument is named on its field, and nothing is submitted", async ({ page }) => {
  await openForm(page);
  await page.getByLabel("Script").selectOption("noop");
  await page.getByLabel("note").fill("x".repeat(501));
  await page.getByRole("button", { name: "Run remediation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^args\.note .*500/ })).toBeVisible();
  await expect(page).toHaveURL(/\/jobs\/new$/);
});

test("production asks for a typed confirmation before it runs", async ({ page }) => {
  await openForm(page);
  await page.getByLabel("Script").selectOption("noop");
  await page.getByRole("radio", { name: /prod Production/ }).check();
  await page.getByRole("button", { name: "Run on production…" }).click();
  const dialog = page.getByRole("dialog", { name: "Run on production?" });
  await expect(dialog.getByRole("button", { name: "Run on production" })).toBeDisabled();
  await dialog.getByLabel("Type prod to confirm").fill("prod");
  await dialog.getByRole("button", { name: "Run on production" }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
});

test("a job held for approval runs once an operator approves it", async ({ page, request }) => {
  const admin = await sessionCookie(request, ADMIN.email, ADMIN.password);
  const token = await apiToken(request, admin, "operator");
  const submitted = await request.post("/api/jobs", { headers: { authorization: `Bearer ${token}` }, data: { script: "noop", tier: "prod", requiresApproval: true } });
  expect(submitted.status()).toBe(201);
  const { job } = await submitted.json();
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByTestId("job-status").first()).toHaveAttribute("data-status", "awaiting_approval");
  await page.getByRole("button", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this job?" });
  await dialog.getByLabel("Type prod to confirm").fill("prod");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("job-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
  await expect(page.getByText("Approved", { exact: true })).toBeVisible();
});

test("Run remediation on an issue submits a job linked to it", async ({ page, request }) => {
  const issue = { id: "4242424242", shortId: "SHOP-9", title: "Error: Build failed in checkout", culprit: "ci/build", level: "error", status: "unresolved", project: { id: "1", slug: "shop", name: "shop" }, firstSeen: new Date().toISOString(), lastSeen: new Date().toISOString(), count: "3", userCount: 1 };
  await deliverIssueWebhook(request, "created", issue);
  await page.goto("/issues/4242424242");
  await page.getByRole("button", { name: "Run remediation" }).click();
  const dialog = page.getByRole("dialog", { name: "Run remediation" });
  await expect(dialog.locator("form[data-ready]")).toBeVisible();
  await expect(dialog.getByText("For issue SHOP-9")).toBeVisible();
  await dialog.getByLabel("Script").selectOption("noop");
  await dialog.getByRole("button", { name: "Run remediation" }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("link", { name: /SHOP-9: Error: Build failed in checkout/ })).toBeVisible();
  await expect(page.getByTestId("job-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
  await page.getByRole("link", { name: /SHOP-9/ }).click();
  await expect(page.getByRole("list", { name: "Remediation jobs" })).toContainText("noop");
});

test("a viewer can follow jobs but not run or change them", async ({ browser, request }) => {
  const admin = await sessionCookie(request, ADMIN.email, ADMIN.password);
  await userCookie(request, admin, "jobs-viewer@example.com", "viewer");
  const page = await browser.newPage();
  await page.goto("/signin");
  await signIn(page, "jobs-viewer@example.com", PASSWORD);
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New job" })).toHaveCount(0);
  await page.getByTestId("job-row").first().locator("a").first().click();
  await expect(page.getByRole("button", { name: /Cancel job|Re-run|Approve/ })).toHaveCount(0);
  await page.goto("/jobs/new");
  await expect(page.getByText(/403|not allowed|permission/i).first()).toBeVisible();
  await page.close();
});
