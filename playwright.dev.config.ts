import { defineConfig, devices } from "@playwright/test";
import base from "./playwright.config";

// Browser tests of `npm run dev` itself (Turbopack, HMR), apart from the production-mode suite in
// playwright.config.ts: each spec starts its own dev server (e2e/dev/dev-server.ts) on
// E2E_DEV_PORT, so there is no webServer here. A cold dev compile of the first page takes
// ~30 s on two cores, hence the long timeout.
const PORT = Number(process.env.E2E_DEV_PORT ?? 3310);

export default defineConfig({
  testDir: "e2e/dev",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "playwright-report/dev" }]],
  timeout: 8 * 60_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  projects: [{ name: "dev", use: { ...devices["Desktop Chrome"] } }],
});
