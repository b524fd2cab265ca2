import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as issueRoute from "@/app/api/issues/[id]/route";
import * as issuesRoute from "@/app/api/issues/route";
import { createApiToken, SYSTEM_ACTOR } from "@/lib/auth";
import type { Prisma } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callRoute } from "../support/routes";

let database: TestDatabase;
let viewer: string;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  viewer = (await createApiToken({ name: "viewer", role: "viewer", expiresInDays: null }, SYSTEM_ACTOR)).secret;
});

let sentryIds = 1000;
async function seedIssue(data: Partial<Prisma.IssueCreateInput> = {}) {
  const sentryId = String(sentryIds++);
  return database.db.issue.create({
    data: { sentryId, title: `Issue ${sentryId}`, lastSeen: new Date("2025-01-01T00:00:00Z"), firstSeen: new Date("2024-12-01T00:00:00Z"), ...data },
  });
}

function list(query = "", token = viewer) {
  return callRoute(issuesRoute.GET, { path: `/api/issues${query ? `?${query}` : ""}`, token });
}

function detail(id: string, token = viewer) {
  return callRoute(issueRoute.GET, { path: `/api/issues/${id}`, params: { id }, token });
}

const minutes = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 60_000);

describe("GET /api/issues", () => {
  it("needs a signed-in viewer or a token", async () => {
    expect((await callRoute(issuesRoute.GET, { path: "/api/issues" })).status).toBe(401);
    expect((await list()).status).toBe(200);
  });

  it("lists the most recently seen first, issues never seen last, with the count as a string", async () => {
    const old = await seedIssue({ lastSeen: minutes(1) });
    const recent = await seedIssue({ lastSeen: minutes(10), count: 9_007_199_254_740_993n });
    const unseen = await seedIssue({ lastSeen: null });
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.issues.map((issue: { id: string }) => issue.id)).toEqual([recent.id, old.id, unseen.id]);
    expect(body.issues[0]).toMatchObject({ count: "9007199254740993", lastSeen: minutes(10).toISOString(), level: "error", status: "unresolved" });
    expect(body.nextCursor).toBeNull();
  });

  it("filters by status, level, environment and project", async () => {
    const match = await seedIssue({ status: "unresolved", level: "fatal", environment: "production", projectSlug: "api" });
    await seedIssue({ status: "resolved", level: "fatal", environment: "production", projectSlug: "api" });
    await seedIssue({ status: "unresolved", level: "warning", environment: "production", projectSlug: "api" });
    await seedIssue({ status: "unresolved", level: "fatal", environment: "staging", projectSlug: "api" });
    await seedIssue({ status: "unresolved", level: "fatal", environment: "production", projectSlug: "web" });
    const { body } = await list("status=unresolved&level=fatal&environment=production&project=api");
    expect(body.issues.map((issue: { id: string }) => issue.id)).toEqual([match.id]);
    expect(body.facets.total).toBe(1);
  });

  it("searches title, culprit and short id case-insensitively, and finds a pasted Sentry id", async () => {
    const byTitle = await seedIssue({ title: "TypeError: Cannot read properties of undefined" });
    const byCulprit = await seedIssue({ culprit: "app/jobs/typeerror_handler.py" });
    const byShortId = await seedIssue({ shortId: "BILLING-TYPEERR" });
    await seedIssue({ title: "Timeout talking to Redis" });
    const { body } = await list("q=typeerr");
    expect(body.issues.map((issue: { id: string }) => issue.id).sort()).toEqual([byTitle.id, byCulprit.id, byShortId.id].sort());
    const bySentryId = await list(`q=${byCulprit.sentryId}`);
    expect(bySentryId.body.issues.map((issue: { id: string }) => issue.id)).toEqual([byCulprit.id]);
  });

  it("counts each status under the other filters, each level under the other filters, and names every environment and project", async () => {
    await seedIssue({ status: "unresolved", level: "error", environment: "production", projectSlug: "api" });
    await seedIssue({ status: "unresolved", level: "fatal", environment: "production", projectSlug: "api" });
    await seedIssue({ status: "resolved", level: "error", environment: "production", projectSlug: "web" });
    await seedIssue({ status: "ignored", level: "warning", environment: "staging" });
    const { body } = await list("status=unresolved&level=error&environment=production");
    expect(body.facets.status).toEqual({ unresolved: 1, resolved: 1, ignored: 0 });
    expect(body.facets.level).toEqual({ fatal: 1, error: 1, warning: 0, info: 0, debug: 0, sample: 0 });
    expect(body.facets.total).toBe(1);
    expect(body.facets.environments).toEqual(["production", "staging"]);
    expect(body.facets.projects).toEqual(["api", "web"]);
  });

  it("sorts by events, users and first seen in both directions", async () => {
    const a = await seedIssue({ count: 5n, userCount: 1, firstSeen: minutes(3) });
    const b = await seedIssue({ count: 50n, userCount: 7, firstSeen: minutes(1) });
    const c = await seedIssue({ count: 500n, userCount: 3, firstSeen: minutes(2) });
    const ids = async (query: string) => (await list(query)).body.issues.map((issue: { id: string }) => issue.id);
    expect(await ids("sort=count")).toEqual([c.id, b.id, a.id]);
    expect(await ids("sort=count&order=asc")).toEqual([a.id, b.id, c.id]);
    expect(await ids("sort=userCount")).toEqual([b.id, c.id, a.id]);
    expect(await ids("sort=firstSeen&order=asc")).toEqual([b.id, c.id, a.id]);
  });

  it("pages through every ordering with a cursor, without duplicates or gaps, even with ties and missing dates", async () => {
    const seeded = [];
    for (let i = 0; i < 23; i++) {
      seeded.push(
        await seedIssue({
          // Many ties on every key, and some issues without dates, to exercise the id tie-break and the undated range.
          lastSeen: i % 7 === 0 ? null : minutes(i % 4),
          firstSeen: i % 5 === 0 ? null : minutes(i % 3),
          count: BigInt(i % 3),
          userCount: i % 2,
        }),
      );
    }
    for (const sort of ["lastSeen", "firstSeen", "count", "userCount"] as const) {
      for (const order of ["desc", "asc"] as const) {
        const expected = [...seeded].sort((x, y) => compare(x[sort], y[sort], order) || (order === "desc" ? -1 : 1) * x.id.localeCompare(y.id)).map((row) => row.id);
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query = `sort=${sort}&order=${order}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
          const response = await list(query);
          expect(response.status, query).toBe(200);
          seen.push(...response.body.issues.map((issue: { id: string }) => issue.id));
          // The filter bar's counts come with the first page only.
          expect(response.body.facets === null, query).toBe(cursor !== null);
          cursor = response.body.nextCursor;
          pages += 1;
        } while (cursor && pages < 20);
        expect(seen, `${sort} ${order}`).toEqual(expected);
        expect(pages).toBe(6);
      }
    }
  });

  it("answers 422 naming the field for a bad filter, sort, page size or cursor", async () => {
    for (const [query, field] of [
      ["level=catastrophic", "level"],
      ["status=open", "status"],
      ["sort=title", "sort"],
      ["limit=101", "limit"],
      ["cursor=not-a-cursor", "cursor"],
    ]) {
      const response = await list(query!);
      expect(response.status, query).toBe(422);
      expect(response.body.error).toMatchObject({ code: "validation_failed", field });
    }
  });
});

// Nulls sort last in both directions, as the list does.
function compare(a: Date | bigint | number | null, b: Date | bigint | number | null, order: "asc" | "desc"): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const difference = a instanceof Date && b instanceof Date ? a.getTime() - b.getTime() : Number(a) - Number(b);
  return Math.sign(difference) * (order === "desc" ? -1 : 1);
}

describe("GET /api/issues/[id]", () => {
  it("finds an issue by this app's id and by Sentry's issue id; unknown ids are 404", async () => {
    const issue = await seedIssue({ shortId: "API-1", permalink: "https://acme.sentry.io/issues/1000/", count: 12n });
    const byId = await detail(issue.id);
    expect(byId.status).toBe(200);
    expect(byId.body.issue).toMatchObject({ id: issue.id, sentryId: issue.sentryId, shortId: "API-1", count: "12" });
    expect(byId.body.sentryUrl).toBe("https://acme.sentry.io/issues/1000/");
    expect((await detail(issue.sentryId)).body.issue.id).toBe(issue.id);
    for (const unknown of ["999999", "00000000-0000-7000-8000-000000000000"]) {
      const missing = await detail(unknown);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("not_found");
    }
    expect((await callRoute(issueRoute.GET, { path: `/api/issues/${issue.id}`, params: { id: issue.id } })).status).toBe(401);
  });

  it("shows the latest event's tags and top in-app frames, and the 20 newest events", async () => {
    const issue = await seedIssue();
    for (let i = 0; i < 25; i++) {
      await database.db.issueEvent.create({
        data: {
          issueId: issue.id,
          sentryEventId: `event-${i}`,
          source: "webhook",
          title: `Event ${i}`,
          occurredAt: minutes(i),
          tags: { release: `1.0.${i}`, environment: "production" },
          exception: {
            values: [
              {
                type: "KeyError",
                value: `'user_${i}'`,
                stacktrace: {
                  frames: [
                    { function: "main", filename: "app/main.py", lineno: 1, in_app: true },
                    { function: "get", filename: "site-packages/requests/api.py", lineno: 70, in_app: false },
                    { function: "load_user", filename: "app/users.py", lineno: 42, context_line: "    return cache[key]", in_app: true },
                  ],
                },
              },
            ],
          },
        },
      });
    }
    const { body } = await detail(issue.id);
    expect(body.latestEvent).toMatchObject({ sentryEventId: "event-24", exception: { type: "KeyError", value: "'user_24'" }, framesInAppOnly: true });
    expect(body.latestEvent.frames.map((frame: { function: string }) => frame.function)).toEqual(["load_user", "main"]);
    expect(body.latestEvent.frames[0]).toMatchObject({ filename: "app/users.py", lineno: 42, contextLine: "return cache[key]" });
    expect(body.tags).toEqual([
      { key: "environment", value: "production" },
      { key: "release", value: "1.0.24" },
    ]);
    expect(body.recentEvents).toHaveLength(20);
    expect(body.recentEvents[0].sentryEventId).toBe("event-24");
    expect(body.recentEvents[19].sentryEventId).toBe("event-5");
    expect(body.recentEvents[0]).not.toHaveProperty("exception");
  });

  it("merges timeline entries and the issue's webhook deliveries oldest first", async () => {
    const issue = await seedIssue();
    const delivery = await database.db.webhookDelivery.create({
      data: {
        resource: "issue",
        action: "created",
        contentKey: "k1",
        bodySha256: "x",
        headers: {},
        rawBody: "{}",
        signatureOk: true,
        status: "processed",
        issueId: issue.id,
        receivedAt: minutes(1),
      },
    });
    await database.db.issueTimelineEntry.createMany({
      data: [
        { issueId: issue.id, kind: "created", summary: "Issue first reported by Sentry", actor: "sentry", deliveryId: delivery.id, occurredAt: minutes(1) },
        { issueId: issue.id, kind: "comment", summary: "Restarted the worker", actor: "ada@example.com", occurredAt: minutes(5) },
      ],
    });
    const { body } = await detail(issue.sentryId);
    expect(body.timeline.map((item: { kind: string }) => item.kind)).toEqual(["delivery", "created", "comment"]);
    expect(body.timeline[0]).toMatchObject({ summary: "Webhook issue.created", status: "processed", deliveryId: delivery.id });
    expect(body.latestEvent).toBeNull();
    expect(body.tags).toEqual([]);
  });
});
