import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./support";

// Screenshots of the main pages for the README (docs/screenshots/), refreshed by every e2e run.
const PAGES = [
  { path: "/", file: "overview", heading: "Overview" },
  { path: "/issues", file: "issues", heading: "Issues" },
  { path: "/jobs", file: "jobs", heading: "Jobs" },
  { path: "/jobs/new", file: "jobs-new", heading: "New remediation job" },
  { path: "/workers", file: "workers", heading: "Workers" },
  { path: "/monitors", file: "monitors", heading: "Monitors" },
  { path: "/monitors/batch-worker-prod", file: "monitor", heading: "Batch worker (prod)" },
  { path: "/health", file: "health", heading: "Health" },
  { path: "/rules", file: "rules", heading: "Rules" },
  { path: "/rules/new", file: "rules-new", heading: "New rule" },
  { path: "/settings/deliveries", file: "settings-deliveries", heading: "Webhook deliveries" },
  { path: "/settings/users", file: "settings-users", heading: "Users" },
  { path: "/settings/tokens", file: "settings-tokens", heading: "API tokens" },
  { path: "/settings/audit", file: "settings-audit", heading: "Audit log" },
];

test("main pages render for an admin (screenshots saved for the docs)", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/signin");
  await page.screenshot({ path: "docs/screenshots/signin.png" });
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  for (const entry of PAGES) {
    // networkidle: the overview's charts load after the page (next/dynamic).
    await page.goto(entry.path, { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { name: entry.heading, level: 1 })).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/${entry.file}.png`, fullPage: true });
  }
  // One job's page, from the list (the jobs specs ran before and left some).
  await page.goto("/jobs");
  await page.getByTestId("job-row").first().locator("a").first().click();
  await expect(page.getByTestId("job-log")).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/job.png", fullPage: true });
});
