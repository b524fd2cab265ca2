import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./support";

test.beforeEach(async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
});

test("an admin creates a monitor, its job checks in the way Sentry's docs show, and the page shows the run", async ({ page, request }) => {
  const slug = `nightly-${Date.now()}`;
  await page.goto("/monitors");
  await page.getByRole("button", { name: "New monitor" }).click();
  const form = page.getByRole("form", { name: "New monitor" });
  await form.getByLabel("Slug").fill("Nightly Backup");
  await form.getByRole("button", { name: "Create monitor" }).click();
  // Sentry's slug rules, named on the field.
  await expect(form.getByText(/slug may hold only lowercase letters/)).toBeVisible();
  await form.getByLabel("Slug").fill(slug);
  await form.getByLabel("Crontab").fill("*/5 * * * *");
  await form.getByRole("button", { name: "Create monitor" }).click();
  const token = (await page.getByTestId("monitor-token").textContent())!.trim();
  expect(token).toMatch(/^mon_/);

  // The job's side, over real HTTP: Sentry's ingest URL form, trailing slash and all.
  const checkInId = randomUUID();
  const started = await request.post(`/api/0/cron/${slug}/${token}/?status=in_progress&check_in_id=${checkInId}`, { maxRedirects: 0 });
  expect(started.status()).toBe(202);
  const finished = await request.get(`/api/monitors/${slug}/checkins?status=ok&check_in_id=${checkInId}&duration=4.2`, { headers: { authorization: `Bearer ${token}` } });
  expect(finished.status()).toBe(202);
  const refused = await request.get(`/api/monitors/${slug}/checkins?status=finished`, { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.field).toBe("status");

  await page.goto(`/monitors/${slug}`);
  await expect(page.getByRole("heading", { name: slug })).toBeVisible();
  const row = page.getByTestId("checkin-row").first();
  await expect(row).toContainText("OK");
  await expect(row).toContainText("4.2 s");
  await expect(page.getByTestId("uptime-24h")).toHaveText("100%");
  await expect(page.getByText(`${slug}/checkins`).first()).toBeVisible();
});

test("a Vercel cron tick checks in to the tier monitors, shown on Workers and Monitors", async ({ page, request }) => {
  // What Vercel Cron sends (e2e/serve.mjs sets CRON_SECRET).
  const tick = await request.get("/api/cron/tick", { headers: { authorization: "Bearer e2e-cron-secret" } });
  expect(tick.status()).toBe(200);
  const summary = await tick.json();
  expect(summary.checkIns.map((report: { slug: string; status: string }) => `${report.slug}:${report.status}`).sort()).toEqual(["batch-worker-nonprod:ok", "batch-worker-prod:ok"]);
  // What @sentry/nextjs in the server sent to the fake DSN (e2e/serve.mjs): both check-ins of
  // the pass, one id, the tick's crontab upserted.
  const dsnPort = Number(new URL(test.info().project.use.baseURL!).port) + 1;
  type CheckInItem = { check_in_id: string; monitor_slug: string; status: string; environment: string; monitor_config?: { schedule: unknown } };
  for (const report of summary.checkIns as { slug: string; checkInId: string }[]) {
    await expect
      .poll(async () => {
        const items = (await (await request.get(`http://127.0.0.1:${dsnPort}/check-ins`)).json()) as CheckInItem[];
        return items.filter((item) => item.check_in_id === report.checkInId).map((item) => `${item.monitor_slug}:${item.status}:${JSON.stringify(item.monitor_config?.schedule)}:${item.environment}`);
      })
      .toEqual([`${report.slug}:in_progress:{"type":"crontab","value":"* * * * *"}:e2e`, `${report.slug}:ok:{"type":"crontab","value":"* * * * *"}:e2e`]);
  }
  await page.goto("/workers");
  await expect(page.getByTestId("worker-monitor").filter({ hasText: "batch-worker-prod" })).toBeVisible();
  await page.getByRole("link", { name: "batch-worker-prod" }).click();
  await expect(page.getByRole("heading", { name: "Batch worker (prod)" })).toBeVisible();
  await expect(page.getByTestId("checkin-row").filter({ hasText: "cron-tick" }).first()).toContainText("OK");
});

test("disabling a monitor asks nothing, deleting one asks for its slug", async ({ page }) => {
  const slug = `etl-${Date.now()}`;
  await page.goto("/monitors");
  await page.getByRole("button", { name: "New monitor" }).click();
  await page.getByRole("form", { name: "New monitor" }).getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page.getByTestId("monitor-token")).toBeVisible();
  await page.goto(`/monitors/${slug}`);
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Disabled").first()).toBeVisible();
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete monitor ${slug}?` });
  await expect(dialog.getByRole("button", { name: "Delete monitor" })).toBeDisabled();
  await dialog.getByRole("textbox").fill(slug);
  await dialog.getByRole("button", { name: "Delete monitor" }).click();
  await page.waitForURL(/\/monitors$/);
  expect((await page.request.get(`/api/monitors/${slug}`)).status()).toBe(404);
});
