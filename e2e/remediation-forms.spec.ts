import { expect, test, type Page } from "@playwright/test";
import { ADMIN, deliverIssueWebhook, sessionCookie, signIn } from "./support";

// Safe starting points for the forms that run or schedule remediation: nothing that cannot
// run is preselected, nothing is resolved in Sentry unless asked, and a half-written rule is
// not sent to the preview.

/** Errors the page writes to the browser console (React's warnings, failed requests such as a 422). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test.beforeEach(async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
});

test("the new job and new rule pages load without console errors", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto("/jobs/new", { waitUntil: "networkidle" });
  await expect(page.locator("form[data-ready]")).toBeVisible();
  await page.goto("/rules/new", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "New rule", level: 1 })).toBeVisible();
  // Past the preview's 600 ms debounce, so a preview request would have been made and logged.
  await page.waitForTimeout(1500);
  expect(errors).toEqual([]);
});

test("a new rule is previewed only once it is complete", async ({ page }) => {
  const previews: number[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/api/rules/preview") previews.push(response.status());
  });
  await page.goto("/rules/new", { waitUntil: "networkidle" });
  const preview = page.getByTestId("rule-preview");
  await expect(preview).toContainText("Complete the rule to preview");
  await page.waitForTimeout(1500);
  expect(previews).toEqual([]);

  await page.getByLabel("Name", { exact: true }).fill("Disk full → note");
  await expect(preview).toContainText("Complete the rule to preview");
  await page.getByTestId("condition-row").first().getByLabel("Value").fill("disk full");
  await expect(page.getByTestId("preview-count")).toContainText(/Matches \d+ of the last \d+ issues/);
  await expect(preview).not.toContainText("Complete the rule to preview");
  expect(previews.length).toBeGreaterThan(0);
  expect(previews.every((status) => status === 200)).toBe(true);
});

test("Run remediation on an issue preselects nothing that cannot run, and does not resolve unless asked", async ({ page, request }) => {
  // A rule suggests restart-service for this issue; the e2e server has no REMEDIATION_HTTP_ENDPOINTS.
  const admin = await sessionCookie(request, ADMIN.email, ADMIN.password);
  const rule = await request.post("/api/rules", {
    headers: { cookie: admin },
    data: {
      name: "Disk quota → restart (e2e)",
      trigger: "issue_created",
      conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "Disk quota exceeded" }] }] },
      action: { script: "restart-service", tier: "prod", args: { service: "{{issue.project}}" } },
      dryRun: true,
    },
  });
  expect(rule.status()).toBe(201);
  const ruleId = (await rule.json()).rule.id as string;
  try {
    const issue = { id: "6161616161", shortId: "OPS-3", title: "Error: Disk quota exceeded on /var/data", culprit: "storage/write.ts", level: "fatal", status: "unresolved", project: { id: "1", slug: "shop", name: "shop" }, firstSeen: new Date().toISOString(), lastSeen: new Date().toISOString(), count: "12", userCount: 4 };
    await deliverIssueWebhook(request, "created", issue);

    await page.goto(`/issues/${issue.id}`);
    await page.getByRole("button", { name: "Run remediation" }).click();
    const dialog = page.getByRole("dialog", { name: "Run remediation" });
    await expect(dialog.locator("form[data-ready]")).toBeVisible();

    const script = dialog.getByLabel("Script");
    await expect(script).toHaveValue("");
    await expect(script.locator("option:checked")).toHaveText("Choose a script");
    await expect(dialog.getByRole("button", { name: "Run remediation" })).toBeDisabled();

    const notConfigured = dialog.locator('optgroup[label="Not configured"]');
    await expect(notConfigured).toHaveAttribute("disabled", "");
    const restart = notConfigured.locator('option[value="restart-service"]');
    await expect(restart).toBeDisabled();
    await expect(restart).toContainText("Restart service — suggested");
    await expect(restart).toContainText("REMEDIATION_HTTP_ENDPOINTS");

    const resolve = dialog.getByRole("checkbox", { name: /Resolve the issue in Sentry when this succeeds/ });
    await expect(resolve).not.toBeChecked();

    await script.selectOption("noop");
    await expect(dialog.getByRole("button", { name: "Run remediation" })).toBeEnabled();
    await expect(resolve).not.toBeChecked();
  } finally {
    // Later specs count the rules.
    expect((await request.delete(`/api/rules/${ruleId}`, { headers: { cookie: admin } })).status()).toBeLessThan(300);
  }
});
