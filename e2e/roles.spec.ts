import { expect, test } from "@playwright/test";
import { ADMIN, PASSWORD, sessionCookie, signIn, userCookie } from "./support";

test("a viewer cannot open admin pages or call admin APIs", async ({ page, request }) => {
  const admin = await sessionCookie(request, ADMIN.email, ADMIN.password);
  const viewer = await userCookie(request, admin, "viewer@example.com", "viewer");

  await page.goto("/signin");
  await signIn(page, "viewer@example.com", PASSWORD);
  await expect(page.getByTestId("current-role")).toHaveText("viewer");

  for (const path of ["/settings/users", "/settings/tokens", "/settings/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: /don.t have access/i })).toBeVisible();
  }

  await page.goto("/settings");
  await expect(page.getByText("managed by admins")).toBeVisible();

  const listUsers = await request.get("/api/users", { headers: { cookie: viewer } });
  expect(listUsers.status()).toBe(403);
  const createUser = await request.post("/api/users", { headers: { cookie: viewer }, data: { email: "sneaky@example.com", role: "admin", password: PASSWORD } });
  expect(createUser.status()).toBe(403);
  const createToken = await request.post("/api/tokens", { headers: { cookie: viewer }, data: { name: "sneaky", role: "admin" } });
  expect(createToken.status()).toBe(403);
  expect((await request.get("/api/users", { headers: { cookie: admin } })).status()).toBe(200);
});

test("an admin creates an API token in the UI; it is shown once and works", async ({ page, request }) => {
  await page.goto("/signin");
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByLabel("Name").fill("ci-pipeline");
  await page.getByRole("dialog").getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())!.trim();
  expect(secret).toMatch(/^ops_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("cell", { name: "ci-pipeline" })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);

  const me = await request.get("/api/auth/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(await me.json()).toMatchObject({ kind: "api_token", role: "operator" });

  await page.goto("/settings/audit");
  await expect(page.getByRole("cell", { name: "api_token.created" }).first()).toBeVisible();
});
