import { expect, test } from "@playwright/test";
import { ADMIN, signInThroughForm } from "./support";

test.describe.configure({ mode: "serial" });

test("first run: setup creates the admin, then the shell, sign out and sign in again", async ({ page }) => {
  // The app runs under its Content-Security-Policy: any script, style or request it blocks shows here.
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  const first = await page.goto("/");
  const headers = first!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: /create the first admin/i })).toBeVisible();

  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("too short");
  await page.getByLabel("Confirm password").fill("too short");
  await page.getByRole("button", { name: /create admin/i }).click();
  await expect(page.getByText(/at least 12 characters long/)).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: /create admin/i }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Overview", "Issues", "Jobs", "Rules", "Workers", "Health", "Alerts", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.getByTestId("current-role")).toHaveText("admin");

  // Every section renders its empty state with a next step.
  await nav.getByRole("link", { name: "Issues" }).click();
  await expect(page.getByRole("heading", { name: "No Sentry issues yet" })).toBeVisible();
  await expect(page.getByText("/api/webhooks/sentry")).toBeVisible();
  await nav.getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { name: "No remediation jobs yet" })).toBeVisible();

  // Setup is over: the page sends a signed-in admin on to the overview.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/signin\?next=%2Fsettings/);

  await signInThroughForm(page, ADMIN.email, "wrong password entirely");
  await expect(page.getByText("Email or password is wrong.")).toBeVisible();
  await signInThroughForm(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  expect(blocked).toEqual([]);
});
