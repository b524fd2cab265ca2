import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { ADMIN, sessionCookie } from "../support";
import { startDevServer, type DevServer } from "./dev-server";

// Issue 16: under `npm run dev` with the embedded database, pages were reported to reload
// themselves over and over (Turbopack's HMR answering "HMR hash mismatch"); anything the app
// writes where Turbopack watches (data, logs, generated code) would do that. This walks a
// newcomer's path — start the dev server, create the admin, load the demo data, look at the
// overview, the issues and the jobs — and counts the documents each tab loads.
const PORT = Number(process.env.E2E_DEV_PORT ?? 3310);
const SECRET = "demo-secret";
const WATCH_MS = 10_000;
const PAGES = ["/", "/issues", "/jobs"] as const;

test.describe.configure({ mode: "serial" });

let server: DevServer;

test.beforeAll(async ({ request }) => {
  server = await startDevServer({ port: PORT, dataDir: ".data-e2e-dev", env: { SENTRY_CLIENT_SECRET: SECRET } });
  const setup = await request.post("/api/setup", { data: { name: ADMIN.name, email: ADMIN.email, password: ADMIN.password } });
  expect(setup.status(), await setup.text()).toBe(201);
  await runDemo(server.url);
});

test.afterAll(async () => {
  await server?.stop();
});

test("the overview, issues and jobs each load once and stay loaded under npm run dev", async ({ context, request }) => {
  const [name, value] = (await sessionCookie(request, ADMIN.email, ADMIN.password)).split("=") as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  // One tab per page, each left open while the next one compiles, and each watched for a while.
  const loads: Record<string, number> = {};
  for (const path of PAGES) {
    const tab = await context.newPage();
    loads[path] = 0;
    tab.on("request", (sent) => {
      if (sent.isNavigationRequest() && sent.frame() === tab.mainFrame()) loads[path]! += 1;
    });
    await tab.goto(path, { timeout: 5 * 60_000 });
    await expect(tab.getByRole("navigation", { name: "Main" })).toBeVisible({ timeout: 60_000 });
    await tab.waitForTimeout(WATCH_MS);
  }
  // Document requests count the first load and every reload, even one cut short by the next;
  // same-document navigations (the router's history.replaceState) and RSC fetches do not count,
  // which is why this is not Playwright's framenavigated.
  expect(loads, "documents each tab requested").toEqual({ "/": 1, "/issues": 1, "/jobs": 1 });
});

test("npm run dev says, as it starts, that the first page takes a while to compile", async () => {
  expect(server.output()).toMatch(/First page compiles, about 30 s/);
});

/** `npm run demo`, exactly as the README has a newcomer run it. */
async function runDemo(url: string): Promise<void> {
  const demo = spawn("npm", ["run", "demo", "--", "--url", url, "--secret", SECRET], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  demo.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  demo.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => demo.on("exit", resolve));
  expect(code, output).toBe(0);
}
