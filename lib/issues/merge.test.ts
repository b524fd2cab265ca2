import { describe, expect, it } from "vitest";
import { planIssueWrite } from "./merge";
import { PLACEHOLDER_TITLE, type StoredIssueState } from "./snapshot";

const stored = (overrides: Partial<StoredIssueState> = {}): StoredIssueState => ({
  title: "TypeError: x is undefined",
  shortId: "WEB-1",
  culprit: "app/page.tsx",
  level: "error",
  status: "unresolved",
  substatus: "new",
  environment: "production",
  projectId: "1",
  projectSlug: "web",
  platform: "javascript",
  metadata: { type: "TypeError" },
  firstSeen: new Date("2026-01-01T00:00:00Z"),
  lastSeen: new Date("2026-01-02T00:00:00Z"),
  count: 10n,
  userCount: 3,
  assignee: null,
  permalink: null,
  sentryUpdatedAt: new Date("2026-01-02T00:00:00Z"),
  resolvedAt: null,
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe("planIssueWrite", () => {
  it("creates a new issue with every known field and one `created` change", () => {
    const plan = planIssueWrite(null, { sentryId: "1", title: "Boom", status: "unresolved", count: 2n }, at("2026-01-01T00:00:00Z"), "webhook");
    expect(plan.changes).toEqual([{ kind: "created", source: "webhook" }]);
    expect(plan.data).toMatchObject({ title: "Boom", status: "unresolved", count: 2n, sentryUpdatedAt: at("2026-01-01T00:00:00Z") });
  });

  it("does not order later snapshots after one that did not state a status", () => {
    const plan = planIssueWrite(null, { sentryId: "1", title: "From an event" }, at("2026-01-05T00:00:00Z"), "webhook");
    expect(plan.data.sentryUpdatedAt).toBeNull();
  });

  it("changes status from a newer snapshot, setting resolvedAt", () => {
    const plan = planIssueWrite(stored(), { sentryId: "1", status: "resolved" }, at("2026-01-03T00:00:00Z"), "webhook");
    expect(plan.changes).toEqual([{ kind: "status_changed", from: "unresolved", to: "resolved", source: "webhook" }]);
    expect(plan.data).toMatchObject({ status: "resolved", resolvedAt: at("2026-01-03T00:00:00Z"), sentryUpdatedAt: at("2026-01-03T00:00:00Z") });
  });

  it("ignores status, assignee and title from an older snapshot", () => {
    const plan = planIssueWrite(stored({ status: "resolved" }), { sentryId: "1", status: "unresolved", assignee: "ada", title: "Old title" }, at("2026-01-01T12:00:00Z"), "webhook");
    expect(plan.changes).toEqual([]);
    expect(plan.data).toEqual({});
  });

  it("still lets an older snapshot fill blanks and push counters forward", () => {
    const plan = planIssueWrite(stored({ permalink: null, count: 10n, title: PLACEHOLDER_TITLE }), { sentryId: "1", permalink: "https://s/1", count: 12n, title: "Real" }, at("2025-12-01T00:00:00Z"), "poll");
    expect(plan.data).toMatchObject({ permalink: "https://s/1", count: 12n, title: "Real" });
    expect(plan.changes).toEqual([{ kind: "updated", fields: ["title", "permalink", "count"], source: "poll" }]);
  });

  it("keeps the earliest firstSeen and the latest lastSeen whatever the order", () => {
    const plan = planIssueWrite(stored(), { sentryId: "1", firstSeen: at("2026-01-03T00:00:00Z"), lastSeen: at("2026-01-01T06:00:00Z") }, at("2026-01-03T00:00:00Z"), "webhook");
    expect(plan.data).toEqual({});
  });

  it("reports an assignment as its own change", () => {
    const plan = planIssueWrite(stored(), { sentryId: "1", assignee: "ada@example.com" }, at("2026-01-03T00:00:00Z"), "webhook");
    expect(plan.changes).toEqual([{ kind: "assigned", from: null, to: "ada@example.com", source: "webhook" }]);
  });

  it("treats metadata with the same content in another key order as unchanged", () => {
    const plan = planIssueWrite(stored({ metadata: { a: 1, b: { c: 2, d: 3 } } }), { sentryId: "1", metadata: { b: { d: 3, c: 2 }, a: 1 } }, at("2026-01-03T00:00:00Z"), "webhook");
    expect(plan.changes).toEqual([]);
  });
});
