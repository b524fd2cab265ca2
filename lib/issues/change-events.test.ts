import { describe, expect, it } from "vitest";
import type { Issue } from "@/lib/db";
import { issueChangedEvent, readIssueChanged } from "./change-events";

const issue: Issue = {
  id: "0193a0b0-0000-7000-8000-000000000001",
  sentryId: "4501",
  shortId: "SHOP-1",
  title: "OperationalError: connection pool exhausted",
  culprit: "db/pool.py",
  level: "error",
  status: "unresolved",
  substatus: null,
  environment: "production",
  projectId: "1",
  projectSlug: "shop",
  platform: "python",
  metadata: { type: "OperationalError" },
  firstSeen: new Date("2026-12-01T10:00:00.000Z"),
  lastSeen: new Date("2026-12-01T11:00:00.000Z"),
  count: 9_007_199_254_740_993n,
  userCount: 4,
  assignee: null,
  permalink: "https://sentry.io/organizations/acme/issues/4501/",
  sentryUpdatedAt: new Date("2026-12-01T11:00:01.000Z"),
  resolvedAt: null,
  remediatedAt: null,
  createdAt: new Date("2026-12-01T10:00:02.000Z"),
  updatedAt: new Date("2026-12-01T11:00:02.000Z"),
};

describe("issue.changed events", () => {
  it("round-trip the issue through JSON, dates and a count past 2^53 included", () => {
    const event = issueChangedEvent(issue, { kind: "created", source: "webhook" });
    expect(event).toMatchObject({ topic: "issue.changed", streamKey: `issue:${issue.id}` });
    const back = readIssueChanged(JSON.parse(JSON.stringify(event.payload)));
    expect(back.issue).toEqual(issue);
    expect(back.change).toEqual({ kind: "created", source: "webhook" });
  });
});
