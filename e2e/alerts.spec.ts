import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, signIn } from "./support";

// Alerts end to end: an admin adds a webhook channel (the fake in e2e/serve.mjs receives it),
// sends a test, routes non-production events to it; a failing job's alert then goes out on
// the next tick and shows in the delivery history.
function fakeUrl(): string {
  const base = new URL(test.info().project.use.baseURL!);
  return `http://127.0.0.1:${Number(base.port) + 1}`;
}

async function received(request: APIRequestContext): Promise<{ headers: Record<string, string>; body: string }[]> {
  return (await request.get(`${fakeUrl()}/alert-hooks`)).json();
}

test("an admin adds a webhook channel and a route; a failing job's alert is delivered and logged", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();

  const channelForm = page.getByRole("form", { name: "Add a channel" });
  await channelForm.getByLabel("Name").fill("Ops webhook");
  await channelForm.getByLabel("Kind").selectOption("webhook");
  await channelForm.getByLabel("Webhook URL").fill(`${fakeUrl()}/alert-hooks`);
  await channelForm.getByLabel("Signing secret").fill("too-short");
  await channelForm.getByRole("button", { name: "Add channel" }).click();
  await expect(channelForm.getByRole("alert").filter({ hasText: "secret must be the signing secret" })).toBeVisible();
  await channelForm.getByLabel("Signing secret").fill("e2e-signing-secret-0123456789");
  await channelForm.getByRole("button", { name: "Add channel" }).click();
  const channels = page.getByRole("table", { name: "Alert channels" });
  await expect(channels).toContainText("Ops webhook");
  await expect(channels).toContainText("stored encrypted");
  await expect(page.locator("body")).not.toContainText("e2e-signing-secret-0123456789");

  await page.getByRole("button", { name: "Send a test alert to Ops webhook" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent" })).toBeVisible();
  expect((await received(request)).some((hook) => hook.body.includes("Test alert from self-healing-ops"))).toBe(true);

  const routeForm = page.getByRole("form", { name: "Add a route" });
  await routeForm.getByLabel("Name").fill("Non-production → webhook");
  await routeForm.getByLabel("Tier").selectOption("nonprod");
  await routeForm.getByRole("button", { name: "Add route" }).click();
  await expect(page.getByRole("table", { name: "Alert routes" })).toContainText("tier nonprod");

  // A failing job on non-production raises job.failed; the tick sends it.
  const submitted = await page.request.post("/api/jobs", { data: { script: "sleep", tier: "nonprod", namespace: "alerts-e2e", args: { seconds: 0, fail: true } } });
  expect(submitted.status()).toBe(201);
  const jobId = (await submitted.json()).job.id as string;
  await expect.poll(async () => (await (await page.request.get(`/api/jobs/${jobId}`)).json()).job.status, { timeout: 20_000 }).toBe("failed");
  await expect(async () => {
    expect((await page.request.post("/api/cron/tick")).status()).toBe(200);
    expect((await received(request)).some((hook) => hook.body.includes(`"jobId":"${jobId}"`))).toBe(true);
  }).toPass({ timeout: 20_000 });
  const delivered = (await received(request)).find((hook) => hook.body.includes(`"jobId":"${jobId}"`))!;
  expect(delivered.headers["x-ops-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);

  await page.reload();
  const history = page.getByRole("table", { name: "Alert deliveries" });
  await expect(history.getByRole("row").filter({ hasText: "sleep failed on nonprod/alerts-e2e" })).toContainText("sent");
  await page.screenshot({ path: "docs/screenshots/alerts.png", fullPage: true });

  // Turning the route off keeps it listed, marked off; removing it asks first.
  await page.getByRole("button", { name: "Turn off Non-production → webhook" }).click();
  await expect(page.getByRole("table", { name: "Alert routes" })).toContainText("(off)");
  await page.getByRole("button", { name: "Remove Non-production → webhook" }).click();
  await page.getByRole("dialog", { name: /Remove the route/ }).getByRole("button", { name: "Remove route" }).click();
  await expect(page.getByRole("table", { name: "Alert routes" })).toHaveCount(0);
});
