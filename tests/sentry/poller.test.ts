import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readIssueChanged, type IssueChange } from "@/lib/issues";
import { createSentryClient } from "@/lib/sentry/client";
import { SentryNotConfigured } from "@/lib/sentry/errors";
import { pollSentry, type PollOptions } from "@/lib/sentry/poller";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startFakeSentryApi, type FakeSentryApi } from "../support/fake-sentry-api";

let database: TestDatabase;
let sentry: FakeSentryApi;
/** Outbox handlings up to here were written before the part of a test that reads them. */
let seenUpTo = "0";

// The poller stamps refreshed rows with `now`, so tests run on a clock near the real one.
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  sentry = await startFakeSentryApi({ maxPageSize: 2 });
  sentry.addProject("web");
  seenUpTo = "0";
});
afterEach(async () => {
  await sentry.close();
});

/** The issue changes the poller wrote to the outbox since `forgetChanges()`, in stream order. */
async function changes(): Promise<{ sentryId: string; change: IssueChange }[]> {
  const rows = await database.sql.query<{ payload: unknown }>(
    `SELECT e."payload" FROM "OutboxEvent" e JOIN "OutboxHandling" h ON h."eventId" = e."id" AND h."consumer" = 'rules'
     WHERE h."seq" > $1::bigint ORDER BY h."seq"`,
    [seenUpTo],
  );
  return rows.map((row) => {
    const { issue, change } = readIssueChanged(row.payload);
    return { sentryId: issue.sentryId, change };
  });
}

async function forgetChanges(): Promise<void> {
  const [row] = await database.sql.query<{ seq: string | null }>(`SELECT max("seq")::text AS "seq" FROM "OutboxHandling"`);
  seenUpTo = row?.seq ?? "0";
}

function poll(now: Date, options: Partial<PollOptions> & { projects?: string[] } = {}) {
  const settings = sentry.settings({ projects: options.projects ?? ["web"] });
  return pollSentry({ now, settings, client: createSentryClient(settings, { sleep: async () => {} }), ...options });
}

const kinds = async () => (await changes()).map((call) => `${call.sentryId}:${call.change.kind}`).sort();

describe("pollSentry", () => {
  it("creates the project's issues from every page of the lastSeen window and writes one created event each to the outbox", async () => {
    for (let index = 1; index <= 5; index++) sentry.addIssue({ id: String(index), lastSeen: minutes(-index) });
    sentry.addIssue({ id: "99", project: "other", lastSeen: minutes(-1) });

    const summary = await poll(minutes(1));

    expect(summary.projects).toEqual([{ project: "web", fetched: 5, created: 5, updated: 0, unchanged: 0, refreshed: 0, missing: 0, truncated: false }]);
    expect((await database.db.issue.findMany({ orderBy: { sentryId: "asc" } })).map((issue) => [issue.sentryId, issue.projectSlug])).toEqual([
      ["1", "web"],
      ["2", "web"],
      ["3", "web"],
      ["4", "web"],
      ["5", "web"],
    ]);
    expect(await kinds()).toEqual(["1:created", "2:created", "3:created", "4:created", "5:created"]);
    expect((await changes()).every((call) => call.change.source === "poll")).toBe(true);
    expect(await database.db.issueTimelineEntry.count({ where: { kind: "created", summary: { contains: "poller" } } })).toBe(5);

    const lists = sentry.requests.filter((request) => request.path.endsWith("/issues/"));
    expect(lists).toHaveLength(3);
    expect(lists[0]!.query).toMatchObject({ projectSlug: "web", sort: "date", query: expect.stringMatching(/^lastSeen:>\d{4}-\d\d-\d\dT/) });
    const cursor = await database.db.sentryPollCursor.findUniqueOrThrow({ where: { project: "web" } });
    expect(cursor.lastChangeAt).toEqual(minutes(-1));
    expect(cursor.lastPolledAt).toEqual(minutes(1));
    expect(cursor.lastError).toBeNull();
  });

  it("changes nothing and writes no outbox events on a second run with nothing new", async () => {
    for (let index = 1; index <= 3; index++) sentry.addIssue({ id: String(index), lastSeen: minutes(-index), count: index * 10 });
    await poll(minutes(1));
    const fields = () =>
      database.db.issue.findMany({
        orderBy: { sentryId: "asc" },
        // Not sentryUpdatedAt: it records when Sentry last confirmed the state, which a poll does.
        select: { sentryId: true, title: true, status: true, substatus: true, level: true, count: true, lastSeen: true, firstSeen: true, assignee: true, resolvedAt: true, metadata: true },
      });
    const before = await fields();
    const timelineBefore = await database.db.issueTimelineEntry.count();
    await forgetChanges();

    const second = await poll(minutes(2));

    expect(second.projects[0]).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await changes()).toEqual([]);
    expect(await fields()).toEqual(before);
    expect(await database.db.issueTimelineEntry.count()).toBe(timelineBefore);
  });

  it("picks up a resolve done in Sentry on an issue outside the lastSeen window by re-fetching it", async () => {
    sentry.addIssue({ id: "old", lastSeen: minutes(-120) });
    sentry.addIssue({ id: "new", lastSeen: minutes(-1) });
    await poll(minutes(1));
    sentry.updateIssue("old", { status: "resolved" });
    await forgetChanges();
    sentry.requests.length = 0;

    const summary = await poll(minutes(2));

    expect(sentry.requests.filter((request) => request.path === "/api/0/organizations/acme/issues/old/")).toHaveLength(1);
    expect(summary.projects[0]).toMatchObject({ fetched: 2, updated: 1, unchanged: 1, refreshed: 1 });
    const old = await database.db.issue.findUniqueOrThrow({ where: { sentryId: "old" } });
    expect(old.status).toBe("resolved");
    expect(old.resolvedAt).toEqual(minutes(2));
    expect((await changes()).map((call) => call.change)).toEqual([{ kind: "status_changed", from: "unresolved", to: "resolved", source: "poll" }]);
    expect(await database.db.issueTimelineEntry.count({ where: { kind: "status_changed" } })).toBe(1);
  });

  it("updates an issue with a new event (lastSeen and count) and calls the hook once per change", async () => {
    sentry.addIssue({ id: "1", lastSeen: minutes(-5), count: 3 });
    await poll(minutes(1));
    sentry.updateIssue("1", { lastSeen: minutes(1), count: 4, status: "ignored" });
    await forgetChanges();

    const summary = await poll(minutes(2));

    expect(summary.projects[0]).toMatchObject({ updated: 1, created: 0 });
    expect((await changes()).map((call) => call.change.kind).sort()).toEqual(["status_changed", "updated"]);
    const issue = await database.db.issue.findUniqueOrThrow({ where: { sentryId: "1" } });
    expect(issue.count).toBe(4n);
    expect(issue.status).toBe("ignored");
    expect((await database.db.sentryPollCursor.findUniqueOrThrow({ where: { project: "web" } })).lastChangeAt).toEqual(minutes(1));
  });

  it("asks Sentry only for what was seen since the cursor minus the overlap", async () => {
    sentry.addIssue({ id: "1", lastSeen: minutes(-1) });
    await poll(minutes(1), { overlapMs: 10 * 60_000 });
    await poll(minutes(2), { overlapMs: 10 * 60_000 });
    const lists = sentry.requests.filter((request) => request.path.endsWith("/issues/"));
    expect(lists.at(-1)!.query.query).toBe(`lastSeen:>${minutes(-11).toISOString()}`);
  });

  it("re-fetches the least recently refreshed issues first, cycling through all of them under the cap", async () => {
    for (const id of ["a", "b", "c"]) sentry.addIssue({ id, lastSeen: minutes(-300) });
    sentry.addIssue({ id: "recent", lastSeen: minutes(-1) });
    await poll(minutes(1));
    // Gone from Sentry: never written again, so only the refresh stamp moves it back in line.
    sentry.removeIssue("b");

    // Older than the cursor minus the overlap: only the refresh sees them from now on.
    const refetchedPerRun: string[][] = [];
    for (const at of [400, 401, 402]) {
      sentry.requests.length = 0;
      await poll(minutes(at), { refreshLimit: 1 });
      refetchedPerRun.push(sentry.requests.filter((request) => /\/issues\/[abc]\/$/.test(request.path)).map((request) => request.path.split("/").at(-2)!));
    }

    expect(refetchedPerRun.map((ids) => ids.length)).toEqual([1, 1, 1]);
    expect(refetchedPerRun.flat().sort()).toEqual(["a", "b", "c"]);
  });

  it("counts an issue Sentry no longer has as missing, without failing the project", async () => {
    sentry.addIssue({ id: "gone", lastSeen: minutes(-120) });
    await poll(minutes(1));
    sentry.removeIssue("gone");
    const summary = await poll(minutes(2));
    expect(summary.projects[0]).toMatchObject({ missing: 1 });
    expect((await database.db.issue.findUniqueOrThrow({ where: { sentryId: "gone" } })).status).toBe("unresolved");
  });

  it("records a project's error on its cursor and carries on with the other projects", async () => {
    sentry.addIssue({ id: "w1", project: "web", lastSeen: minutes(-1) });
    sentry.addIssue({ id: "a1", project: "api", lastSeen: minutes(-1) });
    sentry.misbehave({ status: 403, match: ({ query }) => query.get("projectSlug") === "web" });

    const summary = await poll(minutes(1), { projects: ["web", "api"] });

    expect(summary.projects.map((project) => [project.project, project.created, project.error === undefined])).toEqual([
      ["web", 0, false],
      ["api", 1, true],
    ]);
    expect(summary.projects[0]!.error).toMatch(/403/);
    const web = await database.db.sentryPollCursor.findUniqueOrThrow({ where: { project: "web" } });
    expect(web.lastError).toMatch(/403/);
    expect(web.lastPolledAt).toBeNull();
    expect((await database.db.sentryPollCursor.findUniqueOrThrow({ where: { project: "api" } })).lastError).toBeNull();

    const retry = await poll(minutes(2), { projects: ["web", "api"] });
    expect(retry.projects[0]).toMatchObject({ created: 1 });
    expect((await database.db.sentryPollCursor.findUniqueOrThrow({ where: { project: "web" } })).lastError).toBeNull();
  });

  it("does not move the cursor past pages it failed to read", async () => {
    for (let index = 1; index <= 4; index++) sentry.addIssue({ id: String(index), lastSeen: minutes(-index) });
    sentry.misbehave({ status: 500, times: 3, match: ({ query }) => query.has("cursor") });

    const failed = await poll(minutes(1));
    expect(failed.projects[0]).toMatchObject({ created: 2, error: expect.stringMatching(/unavailable/i) });
    const cursor = await database.db.sentryPollCursor.findUniqueOrThrow({ where: { project: "web" } });
    expect(cursor.lastChangeAt).toBeNull();

    const retried = await poll(minutes(2));
    expect(retried.projects[0]).toMatchObject({ created: 2, unchanged: 2 });
    expect(await database.db.issue.count()).toBe(4);
  });

  it("says so when no projects are configured", async () => {
    const summary = await poll(minutes(1), { projects: [] });
    expect(summary).toEqual({ projects: [], skipped: expect.stringMatching(/SENTRY_PROJECTS/) });
    expect(sentry.requests).toHaveLength(0);
  });

  it("refuses to run without a token or organization, naming the variables", async () => {
    const settings = sentry.settings({ projects: ["web"], apiToken: undefined });
    await expect(pollSentry({ now: minutes(1), settings })).rejects.toBeInstanceOf(SentryNotConfigured);
    await expect(pollSentry({ now: minutes(1), settings })).rejects.toThrow(/SENTRY_API_TOKEN/);
    expect(await database.db.sentryPollCursor.count()).toBe(0);
  });
});
