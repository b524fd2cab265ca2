import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/sentry/route";
import { SYSTEM_ACTOR } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { PLACEHOLDER_TITLE, readIssueChanged, type IssueChange } from "@/lib/issues";
import { reprocessDelivery } from "@/lib/sentry";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callRoute } from "../support/routes";
import { fixture, loadWebhookFixtures, sentryHeaders } from "../support/sentry-webhooks";

const SECRET = "test-client-secret";
let database: TestDatabase;

/** The issue changes the deliveries wrote to the outbox, in stream order. */
async function issueChanges(): Promise<{ sentryId: string; change: IssueChange }[]> {
  const rows = await database.sql.query<{ payload: unknown }>(
    `SELECT e."payload" FROM "OutboxEvent" e JOIN "OutboxHandling" h ON h."eventId" = e."id" AND h."consumer" = 'rules'
     WHERE e."topic" = 'issue.changed' ORDER BY h."seq"`,
  );
  return rows.map((row) => {
    const { issue, change } = readIssueChanged(row.payload);
    return { sentryId: issue.sentryId, change };
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  process.env.SENTRY_CLIENT_SECRET = SECRET;
  resetConfigForTests();
  await database.truncateAll();
});
afterEach(() => {
  delete process.env.SENTRY_CLIENT_SECRET;
  delete process.env.SENTRY_WEBHOOK_ALLOW_UNSIGNED;
  resetConfigForTests();
});

function deliver(rawBody: string, resource: string, options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {}) {
  return callRoute(webhookRoute.POST, {
    method: "POST",
    path: "/api/webhooks/sentry",
    rawBody,
    headers: { ...sentryHeaders(rawBody, resource, SECRET, options), ...options.headers },
  });
}

function issueBody(overrides: { id?: string; action?: string; status?: string; lastSeen?: string; count?: string; title?: string } = {}) {
  const base = structuredClone(fixture("issue-created-1.json").body) as { action: string; data: { issue: Record<string, unknown> } };
  base.action = overrides.action ?? base.action;
  Object.assign(base.data.issue, {
    ...(overrides.id ? { id: overrides.id } : {}),
    ...(overrides.status ? { status: overrides.status } : {}),
    ...(overrides.lastSeen ? { lastSeen: overrides.lastSeen } : {}),
    ...(overrides.count ? { count: overrides.count } : {}),
    ...(overrides.title ? { title: overrides.title } : {}),
  });
  return JSON.stringify(base);
}

describe("Sentry fixtures through the real route", () => {
  for (const sample of loadWebhookFixtures()) {
    for (const format of ["compact", "pretty"] as const) {
      it(`stores and applies ${sample.name} (${format})`, async () => {
        const response = await deliver(sample[format], sample.resource);
        expect(response.status).toBe(200);
        expect(response.body.outcome).toBe("processed");
        const delivery = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: response.body.deliveryId } });
        expect(delivery).toMatchObject({ resource: sample.resource, action: sample.body.action, status: "processed", signatureOk: true, rawBody: sample[format] });
        expect(JSON.stringify(delivery.headers)).not.toContain("signature");
      });
    }
  }

  it("issue.created stores the issue's fields", async () => {
    await deliver(fixture("issue-created-1.json").compact, "issue");
    const issue = await database.db.issue.findUniqueOrThrow({ where: { sentryId: "1234567890" } });
    expect(issue).toMatchObject({
      shortId: "PYTHON-Y",
      level: "fatal",
      status: "unresolved",
      substatus: "new",
      culprit: "test-transaction-0-41e49cd3-7252-441f-8d27-63a9ad697b0a",
      projectSlug: "python",
      projectId: "112313123123134",
      platform: "javascript",
      count: 3n,
      userCount: 3,
      permalink: "https://example-org.sentry.io/issues/1234567890/",
    });
    expect(issue.firstSeen?.toISOString()).toBe("2025-11-10T20:56:00.679Z");
    expect(issue.title).toMatch(/^Error generated with event_id/);
    expect(await issueChanges()).toEqual([{ sentryId: "1234567890", change: { kind: "created", source: "webhook" } }]);
  });

  it("stores a delivery whose text holds a NUL (which PostgreSQL cannot store) with U+FFFD in its place", async () => {
    const response = await deliver(issueBody({ title: "Worker crashed at \u0000 byte" }), "issue");
    expect(response.status).toBe(200);
    expect((await database.db.issue.findUniqueOrThrow({ where: { sentryId: "1234567890" } })).title).toBe("Worker crashed at \uFFFD byte");
  });

  it("event_alert.triggered upserts the issue and stores the event with tags, exception and rule", async () => {
    await deliver(fixture("event_alert-triggered-1.json").compact, "event_alert");
    const issue = await database.db.issue.findUniqueOrThrow({ where: { sentryId: "1117540176" }, include: { events: true, timeline: true } });
    expect(issue).toMatchObject({ title: "ReferenceError: heck is not defined", culprit: "?(<anonymous>)", level: "error", platform: "javascript" });
    expect(issue.events).toHaveLength(1);
    expect(issue.events[0]).toMatchObject({ sentryEventId: "e4874d664c3540c1a32eab185f12c5ab", triggeredRule: "Very Important Alert Rule!", source: "event_alert" });
    expect(issue.events[0]!.tags).toMatchObject({ browser: "Chrome 75.0.3770", handled: "no" });
    expect(JSON.stringify(issue.events[0]!.exception)).toContain("heck is not defined");
    expect(issue.timeline.map((entry) => entry.kind)).toContain("alert");
    expect((await issueChanges()).map((c) => c.change.kind)).toEqual(["created", "alert_triggered"]);
  });

  it("error.created stores the event linked to its issue", async () => {
    await deliver(fixture("error-created-1.json").compact, "error");
    const event = await database.db.issueEvent.findFirstOrThrow({ include: { issue: true } });
    expect(event).toMatchObject({ sentryEventId: "bb78c1407cea4519aa397afc059c793d", source: "error" });
    expect(event.issue.sentryId).toBe("1170820242");
  });

  it("metric_alert keeps an incident with its status history", async () => {
    await deliver(fixture("metric_alert-resolved-1.json").compact, "metric_alert");
    const incident = await database.db.metricAlertIncident.findFirstOrThrow({ include: { statusChanges: true } });
    expect(incident).toMatchObject({ sentryIncidentId: "4", status: "resolved", title: "Resolved: Too many errors", alertRuleName: "Too many errors" });
    expect(incident.resolvedAt).not.toBeNull();
    expect(incident.statusChanges.map((c) => c.status)).toEqual(["resolved"]);
  });

  it("comment.created lands on the issue timeline, creating a placeholder for an unknown issue", async () => {
    await deliver(fixture("comment-created-1.json").compact, "comment");
    const issue = await database.db.issue.findUniqueOrThrow({ where: { sentryId: "100" }, include: { timeline: true } });
    expect(issue.timeline).toContainEqual(expect.objectContaining({ kind: "comment_created", actor: "colleen", summary: "colleen commented" }));
    expect(issue.title).toBe(PLACEHOLDER_TITLE);
    // The real issue arriving later (even with an older timestamp) fills in the placeholder.
    const body = JSON.parse(issueBody({ id: "100", title: "Real title" }));
    await deliver(JSON.stringify(body), "issue", { timestamp: 1_000_000_000 });
    expect((await database.db.issue.findUniqueOrThrow({ where: { sentryId: "100" } })).title).toBe("Real title");
  });

  it("installation.created records the installation without the one-time grant code", async () => {
    await deliver(fixture("installation-created-1.json").compact, "installation");
    const installation = await database.db.sentryInstallation.findUniqueOrThrow({ where: { uuid: "a8e5d37a-696c-4c54-adb5-b3f28d64c7de" } });
    expect(installation).toMatchObject({ organizationSlug: "test-org", appSlug: "webhooks-galore", status: "active" });
    expect(JSON.stringify(installation.data)).not.toContain("f3c71b491e3949b6b033ae45312a4fcb");
    const deleted = JSON.parse(fixture("installation-created-1.json").compact);
    deleted.action = "deleted";
    await deliver(JSON.stringify(deleted), "installation");
    expect((await database.db.sentryInstallation.findFirstOrThrow()).status).toBe("deleted");
  });

  it("stores resources it does not handle and answers 202", async () => {
    const response = await deliver(JSON.stringify({ action: "created", installation: { uuid: "x" }, data: { run_id: 1 } }), "seer");
    expect(response.status).toBe(202);
    expect(response.body.outcome).toBe("unhandled");
    expect(await database.db.webhookDelivery.count({ where: { status: "unhandled", resource: "seer" } })).toBe(1);
  });
});

describe("rejected deliveries store nothing", () => {
  const body = () => fixture("issue-created-1.json").compact;
  async function expectNothingStored() {
    expect(await database.db.webhookDelivery.count()).toBe(0);
    expect(await database.db.issue.count()).toBe(0);
  }

  it("401 for a tampered body", async () => {
    const raw = body();
    const headers = sentryHeaders(raw, "issue", SECRET);
    const response = await callRoute(webhookRoute.POST, { method: "POST", rawBody: raw.replace("PYTHON-Y", "PYTHON-Z"), headers });
    expect(response.status).toBe(401);
    await expectNothingStored();
  });

  it("refuses an address that keeps failing the signature with 503 (which Sentry resends), before reading its body; other addresses go on", async () => {
    process.env.WEBHOOK_RATE_LIMIT_PER_MINUTE = "3";
    resetConfigForTests();
    try {
      const from = (address: string) => ({ "x-forwarded-for": address });
      const forged = { signature: "0".repeat(64), headers: from("203.0.113.9") };
      for (let i = 0; i < 3; i++) expect((await deliver(body(), "issue", forged)).status).toBe(401);
      const refused = await deliver(body(), "issue", { headers: from("203.0.113.9") });
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      await expectNothingStored();
      expect((await deliver(body(), "issue", { headers: from("203.0.113.10") })).status).toBe(200);
    } finally {
      delete process.env.WEBHOOK_RATE_LIMIT_PER_MINUTE;
    }
  });

  it("401 for a signature made with another secret, or none", async () => {
    expect((await deliver(body(), "issue", { signature: sentryHeaders(body(), "issue", "other-secret")["sentry-hook-signature"] })).status).toBe(401);
    const missing = await callRoute(webhookRoute.POST, { method: "POST", rawBody: body(), headers: { "sentry-hook-resource": "issue" } });
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/missing/);
    await expectNothingStored();
  });

  it("400 without Sentry-Hook-Resource, naming the header", async () => {
    const response = await deliver(body(), "issue", { headers: { "sentry-hook-resource": "" } });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe("Sentry-Hook-Resource");
    await expectNothingStored();
  });

  it("413 for a body over 1 MB", async () => {
    const huge = JSON.stringify({ action: "created", data: { padding: "x".repeat(1024 * 1024) } });
    expect((await deliver(huge, "issue")).status).toBe(413);
    await expectNothingStored();
  });

  it("400 for a body that is not JSON", async () => {
    const response = await deliver("{not json", "issue");
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("bad_request");
    await expectNothingStored();
  });

  it("422 naming the field for JSON of the wrong shape", async () => {
    const wrong = JSON.parse(body());
    wrong.data.issue.title = 42;
    const response = await deliver(JSON.stringify(wrong), "issue");
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe("data.issue.title");
    const noIssue = await deliver(JSON.stringify({ action: "created", data: {} }), "issue");
    expect(noIssue.body.error).toMatchObject({ field: "data.issue", code: "validation_failed" });
    const notObject = await deliver("[1,2]", "issue");
    expect(notObject.status).toBe(422);
    await expectNothingStored();
  });

  it("503 naming SENTRY_CLIENT_SECRET when no secret is configured", async () => {
    delete process.env.SENTRY_CLIENT_SECRET;
    resetConfigForTests();
    const response = await deliver(body(), "issue");
    expect(response.status).toBe(503);
    expect(response.body.error.message).toContain("SENTRY_CLIENT_SECRET");
    await expectNothingStored();
  });

  it("accepts unsigned deliveries only when explicitly allowed, and marks them", async () => {
    delete process.env.SENTRY_CLIENT_SECRET;
    process.env.SENTRY_WEBHOOK_ALLOW_UNSIGNED = "true";
    resetConfigForTests();
    const response = await callRoute(webhookRoute.POST, { method: "POST", rawBody: body(), headers: { "sentry-hook-resource": "issue" } });
    expect(response.status).toBe(200);
    expect((await database.db.webhookDelivery.findFirstOrThrow()).signatureOk).toBe(false);
  });
});

describe("exactly once, in order", () => {
  it("applies a resent delivery (new Request-ID) once and records the copy as a duplicate", async () => {
    const raw = fixture("issue-created-1.json").compact;
    expect((await deliver(raw, "issue")).body.outcome).toBe("processed");
    expect((await deliver(raw, "issue")).body.outcome).toBe("duplicate");
    expect((await deliver(fixture("issue-created-1.json").pretty, "issue")).body.outcome).toBe("duplicate");
    expect(await database.db.webhookDelivery.count()).toBe(3);
    expect(await database.db.issueTimelineEntry.count()).toBe(1);
    expect(await issueChanges()).toHaveLength(1);
  });

  it("applies one of 20 identical deliveries racing each other", async () => {
    const raw = fixture("event_alert-triggered-1.json").compact;
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(raw, "event_alert")));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const outcomes = responses.map((r) => r.body.outcome).sort();
    expect(outcomes.filter((o) => o === "processed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(19);
    expect(await database.db.issueEvent.count()).toBe(1);
    expect((await issueChanges()).filter((c) => c.change.kind === "alert_triggered")).toHaveLength(1);
  });

  it("an older `created` arriving after `resolved` does not reopen the issue", async () => {
    await deliver(issueBody({ action: "resolved", status: "resolved" }), "issue", { timestamp: 2_000_000_000 });
    await deliver(issueBody({ action: "created", status: "unresolved" }), "issue", { timestamp: 1_900_000_000 });
    const issue = await database.db.issue.findUniqueOrThrow({ where: { sentryId: "1234567890" } });
    expect(issue.status).toBe("resolved");
    expect(issue.resolvedAt).not.toBeNull();
  });

  it("never moves lastSeen or the event count backwards", async () => {
    await deliver(issueBody({ lastSeen: "2026-01-02T00:00:00Z", count: "50" }), "issue", { timestamp: 1_800_000_000 });
    await deliver(issueBody({ action: "unresolved", lastSeen: "2026-01-01T00:00:00Z", count: "10" }), "issue", { timestamp: 1_800_000_100 });
    const issue = await database.db.issue.findUniqueOrThrow({ where: { sentryId: "1234567890" } });
    expect(issue.lastSeen?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(issue.count).toBe(50n);
  });

  it("a newer resolve after a create changes the status, once, and writes one outbox event per change, in order", async () => {
    await deliver(issueBody(), "issue", { timestamp: 1_800_000_000 });
    await deliver(issueBody({ action: "resolved", status: "resolved" }), "issue", { timestamp: 1_800_000_100 });
    await deliver(issueBody({ action: "unresolved", status: "unresolved" }), "issue", { timestamp: 1_800_000_200 });
    expect((await issueChanges()).map((c) => c.change)).toEqual([
      { kind: "created", source: "webhook" },
      { kind: "status_changed", from: "unresolved", to: "resolved", source: "webhook" },
      { kind: "status_changed", from: "resolved", to: "unresolved", source: "webhook" },
    ]);
    const timeline = await database.db.issueTimelineEntry.findMany({ orderBy: { occurredAt: "asc" } });
    expect(timeline.map((e) => e.kind)).toEqual(["created", "status_changed", "status_changed"]);
  });
});

describe("failed processing", () => {
  it("is stored as failed with the reason, and an admin can reprocess it", async () => {
    await database.db.$executeRawUnsafe(`ALTER TABLE "MetricAlertStatusChange" RENAME TO "MetricAlertStatusChange_away"`);
    let deliveryId: string;
    try {
      const response = await deliver(fixture("metric_alert-resolved-1.json").compact, "metric_alert");
      expect(response.status).toBe(202);
      expect(response.body.outcome).toBe("failed");
      deliveryId = response.body.deliveryId;
      const failed = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(/MetricAlertStatusChange|does not exist/);
      expect(await database.db.metricAlertIncident.count()).toBe(0);
    } finally {
      await database.db.$executeRawUnsafe(`ALTER TABLE "MetricAlertStatusChange_away" RENAME TO "MetricAlertStatusChange"`);
    }
    const result = await reprocessDelivery(deliveryId!, { ...SYSTEM_ACTOR, label: "test" });
    expect(result.status).toBe("processed");
    expect(await database.db.metricAlertIncident.count()).toBe(1);
    expect(await database.db.auditLogEntry.count({ where: { action: "webhook_delivery.reprocessed" } })).toBe(1);
    await expect(reprocessDelivery(deliveryId!, SYSTEM_ACTOR)).rejects.toThrow(/already applied/);
  });
});
