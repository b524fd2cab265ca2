import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./support";

// A service on loopback for the app to probe: the browser test's own "dependency".
let service: Server;
let serviceUrl: string;

test.beforeAll(async () => {
  service = createServer((request, response) => {
    response.writeHead(request.url === "/healthz" ? 200 : 404, { "content-type": "application/json" });
    response.end(request.url === "/healthz" ? '{"status":"ok"}' : "{}");
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  service.closeAllConnections();
  await new Promise<void>((resolve) => service.close(() => resolve()));
});

test("an admin adds an HTTP check, runs it and sees it up, then deletes it", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/health");
  await page.getByRole("button", { name: "Add check", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New health check" });
  await dialog.getByLabel("Name").fill("Local API");

  // The server's validation lands on the field it names.
  await dialog.getByLabel("URL").fill("ftp://127.0.0.1/healthz");
  await dialog.getByRole("button", { name: "Add check" }).click();
  await expect(dialog.getByRole("alert")).toContainText("must start with http:// or https://");

  await dialog.getByLabel("URL").fill(`${serviceUrl}/healthz`);
  await dialog.getByLabel("Body contains").fill('"status":"ok"');
  await dialog.getByRole("button", { name: "Add check" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId("health-check-row").filter({ hasText: "Local API" });
  await expect(row).toContainText(`GET ${serviceUrl}/healthz`);
  await row.getByRole("button", { name: "Run Local API now" }).click();
  await expect(page.getByText(/Local API is up \(\d+ ms\)/)).toBeVisible();
  await expect(row.getByTestId("health-state")).toHaveAttribute("data-state", "up");
  await expect(row).toContainText("100.00 %");

  await row.getByRole("link", { name: "Local API" }).click();
  await expect(page.getByRole("heading", { name: "Local API", level: 1 })).toBeVisible();
  await expect(page.getByTestId("health-sample").first()).toContainText("up");
  await expect(page.getByText("No incidents: this check has not gone down.")).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Delete check" }).click();
  await expect(page).toHaveURL(/\/health$/);
  await expect(page.getByTestId("health-check-row").filter({ hasText: "Local API" })).toHaveCount(0);
});
