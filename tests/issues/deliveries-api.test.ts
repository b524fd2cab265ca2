import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as deliveryRoute from "@/app/api/deliveries/[id]/route";
import * as reprocessRoute from "@/app/api/deliveries/[id]/reprocess/route";
import * as deliveriesRoute from "@/app/api/deliveries/route";
import { createApiToken, SYSTEM_ACTOR } from "@/lib/auth";
import type { Prisma } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callRoute } from "../support/routes";
import { fixture } from "../support/sentry-webhooks";

let database: TestDatabase;
let admin: string;
let viewer: string;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  admin = (await createApiToken({ name: "admin", role: "admin", expiresInDays: null }, SYSTEM_ACTOR)).secret;
  viewer = (await createApiToken({ name: "viewer", role: "viewer", expiresInDays: null }, SYSTEM_ACTOR)).secret;
});

const minutes = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 60_000);
let keys = 0;

async function seedDelivery(data: Partial<Prisma.WebhookDeliveryUncheckedCreateInput> = {}) {
  keys += 1;
  return database.db.webhookDelivery.create({
    data: {
      resource: "issue",
      action: "created",
      contentKey: `key-${keys}`,
      bodySha256: `sha-${keys}`,
      headers: { "sentry-hook-resource": "issue", "request-id": `req-${keys}` },
      rawBody: '{"action":"created"}',
      signatureOk: true,
      ...data,
    },
  });
}

function list(query = "", token = admin) {
  return callRoute(deliveriesRoute.GET, { path: `/api/deliveries${query ? `?${query}` : ""}`, token });
}

describe("GET /api/deliveries", () => {
  it("is for admins only", async () => {
    expect((await list("", viewer)).status).toBe(403);
    expect((await callRoute(deliveriesRoute.GET, { path: "/api/deliveries" })).status).toBe(401);
  });

  it("lists newest first with the linked issue, filtered by status and resource", async () => {
    const issue = await database.db.issue.create({ data: { sentryId: "42", title: "Broken checkout", shortId: "SHOP-1" } });
    const processed = await seedDelivery({ status: "processed", issueId: issue.id, receivedAt: minutes(3) });
    const failed = await seedDelivery({ status: "failed", error: "data.issue.title must be a string", receivedAt: minutes(2) });
    const alert = await seedDelivery({ resource: "metric_alert", action: "critical", status: "unhandled", receivedAt: minutes(1) });

    const all = await list();
    expect(all.status).toBe(200);
    expect(all.body.deliveries.map((d: { id: string }) => d.id)).toEqual([processed.id, failed.id, alert.id]);
    expect(all.body.deliveries[0]).toMatchObject({ issue: { id: issue.id, shortId: "SHOP-1", title: "Broken checkout" }, reprocessable: false });
    expect(all.body.deliveries[1]).toMatchObject({ status: "failed", error: "data.issue.title must be a string", reprocessable: true });
    expect(all.body.deliveries[0]).not.toHaveProperty("rawBody");
    expect(all.body.deliveries[0]).not.toHaveProperty("headers");

    expect((await list("status=failed")).body.deliveries.map((d: { id: string }) => d.id)).toEqual([failed.id]);
    expect((await list("resource=metric_alert")).body.deliveries.map((d: { id: string }) => d.id)).toEqual([alert.id]);
  });

  it("pages with a cursor through deliveries received at the same moment without duplicates or gaps", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push((await seedDelivery({ receivedAt: minutes(i % 3) })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...response.body.deliveries.map((d: { id: string }) => d.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const rows = await database.db.webhookDelivery.findMany({ orderBy: [{ receivedAt: "desc" }, { id: "desc" }] });
    expect(seen).toEqual(rows.map((row) => row.id));
  });

  it("answers 422 naming the field for a bad status or cursor", async () => {
    expect((await list("status=lost")).body.error).toMatchObject({ code: "validation_failed", field: "status" });
    expect((await list("cursor=zzz")).body.error).toMatchObject({ code: "validation_failed", field: "cursor" });
  });
});

describe("GET /api/deliveries/[id]", () => {
  it("returns the raw body and kept headers, never a signature", async () => {
    const delivery = await seedDelivery({ headers: { "sentry-hook-resource": "issue", "sentry-hook-signature": "abc123" }, rawBody: '{"action":"created","data":{}}' });
    const { status, body } = await callRoute(deliveryRoute.GET, { path: `/api/deliveries/${delivery.id}`, params: { id: delivery.id }, token: admin });
    expect(status).toBe(200);
    expect(body.delivery).toMatchObject({ id: delivery.id, rawBody: '{"action":"created","data":{}}', headers: { "sentry-hook-resource": "issue" } });
    expect(JSON.stringify(body)).not.toContain("abc123");
    const missing = await callRoute(deliveryRoute.GET, { path: "/api/deliveries/x", params: { id: "x" }, token: admin });
    expect(missing.status).toBe(404);
  });
});

describe("POST /api/deliveries/[id]/reprocess", () => {
  function reprocess(id: string, token = admin) {
    return callRoute(reprocessRoute.POST, { method: "POST", path: `/api/deliveries/${id}/reprocess`, params: { id }, token });
  }

  it("applies a failed delivery again from its stored body, and refuses one already applied", async () => {
    const { compact: body, body: parsed } = fixture("issue-created.json");
    const sentryId = (parsed as { data: { issue: { id: string } } }).data.issue.id;
    const failed = await seedDelivery({ status: "failed", error: "database was down", rawBody: body, entityId: sentryId, sentAt: minutes(0) });
    expect((await reprocess(failed.id, viewer)).status).toBe(403);

    const result = await reprocess(failed.id);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ deliveryId: failed.id, status: "processed", error: null });
    expect(await database.db.issue.findUnique({ where: { sentryId } })).not.toBeNull();

    const again = await reprocess(failed.id);
    expect(again.status).toBe(409);
    expect((await reprocess("00000000-0000-7000-8000-000000000000")).status).toBe(404);
  });
});
