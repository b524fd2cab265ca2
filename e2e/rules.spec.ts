import { expect, test } from "@playwright/test";
import { ADMIN, deliverIssueWebhook, signIn } from "./support";

test.beforeEach(async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
});

test("the default rule pack is there on first use", async ({ page }) => {
  await page.goto("/rules");
  await expect(page.getByTestId("rule-row")).toHaveCount(4);
  await expect(page.getByRole("link", { name: "Build failures → fix the build" })).toBeVisible();
});

test("an admin writes a rule with a live preview; a matching webhook then runs its job", async ({ page, request }) => {
  await page.goto("/rules/new");
  await expect(page.locator("form")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Payment timeouts → note");
  const condition = page.getByTestId("condition-row").first();
  await condition.getByLabel("Value").fill("payment timeout");
  await page.getByLabel("Script", { exact: true }).selectOption("noop");
  await page.getByLabel(/^note/).fill("restart payments for {{issue.shortId}}");
  await expect(page.getByTestId("preview-count")).toContainText(/Matches \d+ of the last \d+ issues/);

  // A regex RE2 cannot run is named on its field when saving.
  await condition.getByLabel("Operator").selectOption("matches");
  await condition.getByLabel("Value").fill("(?<=pay)ment");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(condition.getByRole("alert")).toContainText("not a valid regular expression");
  await condition.getByLabel("Value").fill("(?i)payment time(d)? ?out");
  await page.getByRole("button", { name: "Create rule" }).click();
  await page.waitForURL(/\/rules\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByText("Saved as revision 1.")).toBeVisible();

  const issue = { id: "5151515151", shortId: "PAY-7", title: "Payment timeout while charging card", culprit: "payments/charge.ts", level: "error", status: "unresolved", project: { id: "3", slug: "payments", name: "payments" }, firstSeen: new Date().toISOString(), lastSeen: new Date().toISOString(), count: "2", userCount: 1 };
  const delivered = await deliverIssueWebhook(request, "created", issue);
  expect(delivered.status()).toBe(200);

  await page.goto("/issues/5151515151");
  const fired = page.getByTestId("evaluation").filter({ hasText: "Payment timeouts → note" });
  await expect(fired).toContainText("Fired: job submitted");
  await fired.getByRole("link", { name: "view job" }).click();
  await expect(page.getByRole("heading", { name: "noop" })).toBeVisible();
  await expect(page.getByTestId("job-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
  await expect(page.getByText('"note": "restart payments for PAY-7"').first()).toBeVisible();
});

test("an operator switches a rule off from the list; the change is a revision", async ({ page }) => {
  await page.goto("/rules");
  const toggle = page.getByRole("switch", { name: "Disable Out of memory → restart the service" });
  await toggle.uncheck();
  await expect(page.getByRole("switch", { name: "Enable Out of memory → restart the service" })).not.toBeChecked();
  await page.getByRole("link", { name: "Out of memory → restart the service" }).click();
  await expect(page.getByTestId("revision").first()).toContainText("Disabled");
  await expect(page.getByTestId("revision").first()).toContainText("enabled: true → false");
});
