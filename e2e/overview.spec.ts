import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./support";

test.beforeEach(async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
});

test("the overview shows the four panels and charts, and keeps its range in the URL", async ({ page }) => {
  // A finished job, so the jobs panel and chart have something to show.
  const submitted = await page.request.post("/api/jobs", { data: { script: "noop", tier: "nonprod" } });
  expect(submitted.status()).toBe(201);
  const jobId = (await submitted.json()).job.id as string;
  await expect.poll(async () => (await (await page.request.get(`/api/jobs/${jobId}`)).json()).job.status, { timeout: 20_000 }).toBe("succeeded");

  await page.goto("/");
  for (const panel of ["Sentry issues", "Remediation jobs", "Worker health", "Infrastructure"]) {
    await expect(page.getByRole("region", { name: panel })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Jobs finished, by outcome (24 h)" }).getByRole("figure")).toBeVisible();
  // Other specs leave failed jobs behind, so only the form is certain here.
  await expect(page.getByTestId("stat-success-rate")).toHaveText(/^\d+%$/);
  await expect(page.getByRole("status").filter({ hasText: /Live|Refreshing/ })).toBeVisible();

  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "7 d" }).click();
  await expect(page).toHaveURL(/\?range=7d$/);
  await expect(page.getByRole("region", { name: "Jobs finished, by outcome (7 d)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "7 d" })).toHaveAttribute("aria-current", "page");

  // Each panel links into its detail.
  await page.getByRole("region", { name: "Worker health" }).getByRole("link", { name: "Open →" }).click();
  await expect(page.getByRole("heading", { name: "Monitors", level: 1 })).toBeVisible();
});
