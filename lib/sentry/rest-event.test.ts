import { describe, expect, it } from "vitest";
import { eventSnapshotFromJson, sentryEventSchema } from "./issue-json";
import { webhookShapedEvent } from "./rest-event";

// Abridged from GET /api/0/organizations/{org}/issues/{id}/events/latest/ (DetailedEventSerializer).
const REST_EVENT = {
  id: "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
  eventID: "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
  groupID: "1341191803",
  projectID: "5236886",
  title: "ZeroDivisionError: division by zero",
  message: "",
  culprit: "app.views in divide",
  platform: "python",
  dateCreated: "2026-03-01T11:58:00.000Z",
  tags: [
    { key: "environment", value: "production" },
    { key: "level", value: "error" },
    { key: "release", value: "backend@1.2.3" },
  ],
  entries: [
    { type: "breadcrumbs", data: { values: [] } },
    { type: "exception", data: { values: [{ type: "ZeroDivisionError", value: "division by zero" }] } },
  ],
  release: { version: "backend@1.2.3", dateCreated: "2026-02-01T00:00:00Z" },
  metadata: { type: "ZeroDivisionError", value: "division by zero" },
};

describe("webhookShapedEvent", () => {
  it("maps a REST event onto the shape sentryEventSchema validates", () => {
    const parsed = sentryEventSchema.parse(webhookShapedEvent(REST_EVENT, "1341191803"));
    expect(parsed).toMatchObject({
      event_id: "9fac2ceed9344f2bbfdd1fdacb0ed9b1",
      issue_id: "1341191803",
      level: "error",
      environment: "production",
      release: "backend@1.2.3",
      project: "5236886",
    });
    expect(parsed.datetime?.toISOString()).toBe("2026-03-01T11:58:00.000Z");
    expect(parsed.tags).toEqual({ environment: "production", level: "error", release: "backend@1.2.3" });
    const snapshot = eventSnapshotFromJson(parsed, parsed.datetime!);
    expect(snapshot.exception).toEqual({ values: [{ type: "ZeroDivisionError", value: "division by zero" }] });
  });

  it("takes the issue id from the request when Sentry leaves groupID out", () => {
    const { groupID: _groupID, ...withoutGroup } = REST_EVENT;
    expect(sentryEventSchema.parse(webhookShapedEvent(withoutGroup, "42")).issue_id).toBe("42");
  });

  it("leaves a webhook-shaped event as it is", () => {
    const webhook = { event_id: "abc", issue_id: "7", level: "warning", environment: "staging", release: "r1", datetime: "2026-03-01T00:00:00Z" };
    expect(sentryEventSchema.parse(webhookShapedEvent(webhook, "999"))).toMatchObject({ event_id: "abc", issue_id: "7", level: "warning", environment: "staging", release: "r1" });
  });

  it("passes through what is not an object so validation rejects it", () => {
    expect(webhookShapedEvent("nope", "1")).toBe("nope");
    expect(sentryEventSchema.safeParse(webhookShapedEvent([], "1")).success).toBe(false);
  });
});
