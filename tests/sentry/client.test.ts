import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSentryClient, type SentryClientDeps } from "@/lib/sentry/client";
import {
  SentryApiError,
  SentryForbidden,
  SentryInvalidResponse,
  SentryNotConfigured,
  SentryNotFound,
  SentryRateLimited,
  SentryRequestRejected,
  SentryUnauthorized,
  SentryUnavailable,
} from "@/lib/sentry/errors";
import { startFakeSentryApi, type FakeSentryApi } from "../support/fake-sentry-api";

let sentry: FakeSentryApi;
let sleeps: number[];
let logs: string[];

beforeEach(async () => {
  sentry = await startFakeSentryApi();
  sleeps = [];
  logs = [];
});
afterEach(async () => {
  await sentry.close();
});

const NOW = new Date("2026-03-01T12:00:00.000Z");

/** A client against the fake whose waits are recorded instead of slept. */
function client(overrides: Parameters<FakeSentryApi["settings"]>[0] = {}, deps: SentryClientDeps = {}) {
  return createSentryClient(sentry.settings(overrides), {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (message) => logs.push(message),
    ...deps,
  });
}

async function failure(promise: Promise<unknown>): Promise<SentryApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SentryApiError);
  return error as SentryApiError;
}

describe("reading issues", () => {
  it("gets an issue with the bearer token and validates it", async () => {
    sentry.addIssue({ id: "42", title: "TypeError: x is undefined", count: 17 });
    const issue = await client().getIssue("42");
    expect(issue).toMatchObject({ id: "42", title: "TypeError: x is undefined", status: "unresolved", count: "17" });
    expect(sentry.requests).toEqual([expect.objectContaining({ method: "GET", path: "/api/0/organizations/acme/issues/42/", authorized: true })]);
  });

  it("follows Link-header cursors across several pages, newest last-seen first", async () => {
    await sentry.close();
    sentry = await startFakeSentryApi({ maxPageSize: 2 });
    for (let minute = 1; minute <= 5; minute++) sentry.addIssue({ id: String(minute), lastSeen: new Date(NOW.getTime() + minute * 60_000) });
    const pages = [];
    for await (const page of client().listAllIssues({ project: "web", query: "", sort: "date" })) pages.push(page);
    expect(pages.map((page) => page.issues.map((issue) => issue.id))).toEqual([["5", "4"], ["3", "2"], ["1"]]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const lists = sentry.requests.filter((request) => request.path === "/api/0/organizations/acme/issues/");
    expect(lists.map((request) => request.query.cursor)).toEqual([undefined, "0:2:0", "0:4:0"]);
    expect(lists[0]!.query).toMatchObject({ projectSlug: "web", query: "", sort: "date" });
  });

  it("stops at the page cap, leaving the next cursor on the last page", async () => {
    await sentry.close();
    sentry = await startFakeSentryApi({ maxPageSize: 2 });
    for (let index = 1; index <= 5; index++) sentry.addIssue({ id: String(index) });
    const pages = [];
    for await (const page of client().listAllIssues({ project: "web", query: "" }, { maxPages: 2 })) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(pages[1]!.nextCursor).toBe("0:4:0");
  });

  it("filters by numeric project id with `project` and by slug with `projectSlug`", async () => {
    const issue = sentry.addIssue({ project: "api" });
    sentry.addIssue({ project: "web" });
    const byId = await client().listIssues({ project: issue.project.id, query: "" });
    expect(byId.issues.map((found) => found.id)).toEqual([issue.id]);
    expect(sentry.requests.at(-1)!.query).toMatchObject({ project: issue.project.id });
  });

  it("maps the latest event from the REST shape", async () => {
    sentry.addIssue({ id: "7" });
    sentry.setLatestEvent("7", {
      id: "ev1",
      eventID: "ev1",
      groupID: "7",
      title: "Boom",
      dateCreated: "2026-03-01T11:00:00Z",
      tags: [{ key: "environment", value: "production" }],
      release: { version: "web@2.0.0" },
    });
    const event = await client().getLatestEvent("7");
    expect(event).toMatchObject({ event_id: "ev1", issue_id: "7", environment: "production", release: "web@2.0.0" });
  });
});

describe("writing to Sentry", () => {
  it("updates an issue's status with PUT {status}", async () => {
    sentry.addIssue({ id: "9" });
    expect(await client().updateIssueStatus("9", "resolved")).toEqual({ status: "resolved" });
    expect(sentry.requests.at(-1)).toMatchObject({ method: "PUT", path: "/api/0/organizations/acme/issues/9/", body: { status: "resolved" } });
    expect(sentry.issue("9")!.status).toBe("resolved");
  });

  it("posts a comment, and reports Sentry's same-text-within-an-hour refusal as a duplicate", async () => {
    sentry.addIssue({ id: "9" });
    const api = client();
    expect(await api.addComment("9", "Remediation job succeeded")).toEqual({ id: "1", duplicate: false });
    expect(await api.addComment("9", "Remediation job succeeded")).toEqual({ id: null, duplicate: true });
    expect(sentry.comments.map((comment) => comment.text)).toEqual(["Remediation job succeeded"]);
  });

  it("treats other 400s on a comment as a rejection", async () => {
    sentry.addIssue({ id: "9" });
    expect(await failure(client().addComment("9", " "))).toBeInstanceOf(SentryRequestRejected);
  });
});

describe("rate limits", () => {
  it("waits for Retry-After on a 429 and then succeeds", async () => {
    sentry.addIssue({ id: "1" });
    sentry.rateLimitNext(2, 3);
    const issue = await client().getIssue("1");
    expect(issue.id).toBe("1");
    expect(sleeps).toEqual([3_000, 3_000]);
    expect(sentry.requests).toHaveLength(3);
  });

  it("gives up with a typed error carrying retryAfterSeconds once the attempts are used", async () => {
    sentry.addIssue({ id: "1" });
    sentry.rateLimitNext(5, 2);
    const error = await failure(client().getIssue("1"));
    expect(error).toBeInstanceOf(SentryRateLimited);
    expect((error as SentryRateLimited).retryAfterSeconds).toBe(2);
    expect(error.details.retryAfterSeconds).toBe(2);
    expect(sentry.requests).toHaveLength(3);
  });

  it("does not wait at all when Retry-After is longer than the cap, so a poll cannot hang", async () => {
    sentry.addIssue({ id: "1" });
    sentry.rateLimitNext(1, 3600);
    const error = await failure(client().getIssue("1"));
    expect(error).toBeInstanceOf(SentryRateLimited);
    expect((error as SentryRateLimited).retryAfterSeconds).toBe(3600);
    expect(sleeps).toEqual([]);
    expect(sentry.requests).toHaveLength(1);
  });

  it("pauses before the next call when X-Sentry-Rate-Limit-Remaining is 0, until the reset", async () => {
    sentry.addIssue({ id: "1" });
    sentry.misbehave({ headers: { "X-Sentry-Rate-Limit-Remaining": "0", "X-Sentry-Rate-Limit-Reset": String(NOW.getTime() / 1000 + 5) } });
    const api = client({}, { now: () => NOW });
    await api.getIssue("1");
    expect(sleeps).toEqual([]);
    await api.getIssue("1");
    expect(sleeps).toEqual([5_000]);
    await api.getIssue("1");
    expect(sleeps).toEqual([5_000]);
  });
});

describe("failures", () => {
  it("reports a wrong token as SentryUnauthorized without retrying", async () => {
    sentry.addIssue({ id: "1" });
    const error = await failure(client({ apiToken: "wrong-token" }).getIssue("1"));
    expect(error).toBeInstanceOf(SentryUnauthorized);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/SENTRY_API_TOKEN/);
    expect(sentry.requests).toHaveLength(1);
    expect(sentry.requests[0]!.authorized).toBe(false);
  });

  it("reports 403 and 404 as their own types", async () => {
    sentry.failNext(1, 403);
    expect(await failure(client().getIssue("1"))).toBeInstanceOf(SentryForbidden);
    expect(await failure(client().getIssue("does-not-exist"))).toBeInstanceOf(SentryNotFound);
  });

  it("retries 5xx with backoff and then succeeds", async () => {
    sentry.addIssue({ id: "1" });
    sentry.failNext(2, 503);
    expect((await client().getIssue("1")).id).toBe("1");
    expect(sleeps).toEqual([500, 1_000]);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/answered 503; retrying/);
  });

  it("gives up on persistent 5xx as SentryUnavailable", async () => {
    sentry.addIssue({ id: "1" });
    sentry.failNext(3, 500);
    const error = await failure(client().getIssue("1"));
    expect(error).toBeInstanceOf(SentryUnavailable);
    expect(error.status).toBe(500);
    expect(sentry.requests).toHaveLength(3);
  });

  it("times out a slow answer (apiTimeoutMs) and reports SentryUnavailable after retrying", async () => {
    sentry.addIssue({ id: "1" });
    sentry.delayNext(3, 30_000);
    const error = await failure(client({ apiTimeoutMs: 100 }).getIssue("1"));
    expect(error).toBeInstanceOf(SentryUnavailable);
    expect(error.message).toMatch(/no answer within 100 ms/);
    expect(sentry.requests).toHaveLength(3);
  });

  it("recovers when only the first attempt times out", async () => {
    sentry.addIssue({ id: "1" });
    sentry.delayNext(1, 30_000);
    // Generous: the second attempt must answer within it even on a loaded machine.
    expect((await client({ apiTimeoutMs: 1_000 }).getIssue("1")).id).toBe("1");
    expect(sleeps).toEqual([500]);
  });

  it("reports an unreachable server as SentryUnavailable", async () => {
    const url = sentry.url;
    await sentry.close();
    const error = await failure(client({ apiBaseUrl: url }).getIssue("1"));
    expect(error).toBeInstanceOf(SentryUnavailable);
    expect(error.message).toMatch(/could not reach/);
    sentry = await startFakeSentryApi();
  });

  it("reports a body that is not JSON, or has the wrong shape, as SentryInvalidResponse", async () => {
    sentry.misbehave({ rawBody: "<html>oops</html>" });
    expect(await failure(client().getIssue("1"))).toBeInstanceOf(SentryInvalidResponse);
    sentry.misbehave({ status: 200, body: { id: "1", title: 42 } });
    const wrongShape = await failure(client().getIssue("1"));
    expect(wrongShape).toBeInstanceOf(SentryInvalidResponse);
    expect(wrongShape.message).toMatch(/title/);
  });

  it("refuses to call without a token or organization, naming the variables to set", async () => {
    const error = await failure(client({ apiToken: undefined, organization: undefined }).getIssue("1"));
    expect(error).toBeInstanceOf(SentryNotConfigured);
    expect(error.message).toMatch(/SENTRY_API_TOKEN/);
    expect(error.message).toMatch(/SENTRY_ORG/);
    expect(sentry.requests).toHaveLength(0);
  });
});

describe("checkConnection", () => {
  it("returns the organization and whether each configured project exists", async () => {
    sentry.addProject("web");
    const result = await client({ projects: ["web", "ghost"] }).checkConnection();
    expect(result).toEqual({ organization: { slug: "acme", name: "Acme Corp" }, projects: [{ project: "web", found: true }, { project: "ghost", found: false }] });
  });

  it("throws the typed error for a bad token", async () => {
    expect(await failure(client({ apiToken: "nope" }).checkConnection())).toBeInstanceOf(SentryUnauthorized);
  });
});

describe("the API token", () => {
  it("never appears in an error, its properties, a log line or console output", async () => {
    const token = sentry.token;
    const printed: string[] = [];
    for (const method of ["log", "warn", "error", "info", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map((arg) => inspect(arg)).join(" ")));
    }
    try {
      sentry.addIssue({ id: "1" });
      const echo = { detail: `token ${token} is not allowed here (Bearer ${token})` };
      const scenarios: (() => void)[] = [
        () => sentry.failNext(1, 401),
        () => sentry.misbehave({ status: 403, body: echo }),
        () => sentry.misbehave({ status: 400, body: echo }),
        () => sentry.failNext(3, 502),
        () => sentry.rateLimitNext(3, 1),
        () => sentry.delayNext(3, 30_000),
        () => sentry.misbehave({ rawBody: `not json ${token}` }),
        () => sentry.misbehave({ status: 200, body: { id: "1", title: { token } } }),
      ];
      const errors: unknown[] = [];
      for (const arrange of scenarios) {
        arrange();
        // The default logger (console.warn) is used here, so retry notices are checked too.
        const api = createSentryClient(sentry.settings({ apiTimeoutMs: 500 }), { sleep: async () => {} });
        errors.push(await api.getIssue("1").catch((error: unknown) => error));
      }
      const url = sentry.url;
      await sentry.close();
      errors.push(await createSentryClient({ ...sentry.settings(), apiBaseUrl: url }, { sleep: async () => {} }).getIssue("1").catch((error: unknown) => error));
      sentry = await startFakeSentryApi();

      expect(errors).toHaveLength(scenarios.length + 1);
      for (const error of errors) {
        expect(error).toBeInstanceOf(SentryApiError);
        const everything = [String(error), (error as Error).stack ?? "", JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join("\n");
        expect(everything).not.toContain(token);
      }
      expect(printed.length).toBeGreaterThan(0);
      expect(printed.join("\n")).not.toContain(token);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
