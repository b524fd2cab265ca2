import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/sentry/route";
import { watchOutboxLag } from "@/lib/alerts";
import { SYSTEM_ACTOR } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { getSql } from "@/lib/db";
import { settleBackgroundTasks } from "@/lib/jobs";
import { drainOutbox, emitOutboxEvents, getOutboxStatus, MAX_HANDLING_ATTEMPTS, type OutboxConsumers, type OutboxEventRecord } from "@/lib/outbox";
import * as retryRoute from "@/app/api/outbox/handlings/[seq]/retry/route";
import { createRule, rulesOutboxHandler } from "@/lib/rules";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { drainOutboxNow } from "../support/outbox";
import { callRoute, createRoleTokens } from "../support/routes";
import { fixture, sentryHeaders } from "../support/sentry-webhooks";

const SECRET = "outbox-webhook-secret";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.SENTRY_CLIENT_SECRET = SECRET;
  resetConfigForTests();
});
afterAll(async () => {
  delete process.env.SENTRY_CLIENT_SECRET;
  resetConfigForTests();
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  // Only the rule under test: the default pack would add its own jobs.
  await database.db.appSetting.create({ data: { key: "rules.defaultsSeeded", value: {} } });
});

let nextId = 880_000;
async function deliverIssue(title: string) {
  const body = structuredClone(fixture("issue-created.json").body) as { data: { issue: Record<string, unknown> } };
  Object.assign(body.data.issue, { id: String(nextId++), title });
  const raw = JSON.stringify(body);
  const answer = await callRoute(webhookRoute.POST, { method: "POST", path: "/api/webhooks/sentry", rawBody: raw, headers: sentryHeaders(raw, "issue", SECRET) });
  expect(answer.status).toBe(200);
  return database.db.issue.findUniqueOrThrow({ where: { sentryId: String(body.data.issue.id) } });
}

const handlings = () => database.db.outboxHandling.findMany({ orderBy: { seq: "asc" } });

/** Writes events straight into the outbox, as a change's transaction does. */
async function emit(streams: string[]): Promise<void> {
  const sql = await getSql();
  await sql.transaction(async (tx) => {
    emitOutboxEvents(tx, streams.map((stream) => ({ topic: "issue.changed" as const, streamKey: stream, payload: { stream } })));
  });
}

const streamOf = (event: OutboxEventRecord) => (event.payload as { stream: string }).stream;

describe("the webhook request", () => {
  it("stores the change with one event per consumer; the rule's job comes from the drain, not the request", async () => {
    await createRule({ name: "pool → restart", trigger: "issue_created", conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "pool" }] }] }, action: { script: "noop", tier: "nonprod", args: {} } }, SYSTEM_ACTOR);
    const issue = await deliverIssue("OperationalError: connection pool exhausted");

    expect(await database.db.remediationJob.count()).toBe(0);
    expect(await database.db.ruleEvaluation.count()).toBe(0);
    expect((await handlings()).map((row) => [row.consumer, row.status, row.streamKey])).toEqual([
      ["rules", "pending", `issue:${issue.id}`],
      ["alerts", "pending", `issue:${issue.id}`],
      ["loop", "pending", `issue:${issue.id}`],
    ]);

    expect(await drainOutboxNow()).toEqual({ handled: 3, retried: 0, dead: 0 });
    await settleBackgroundTasks();
    const jobs = await database.db.remediationJob.findMany();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ issueId: issue.id, source: "rule", idempotencyKey: expect.stringMatching(/^outbox:.+:rule:/) });
    expect((await handlings()).every((row) => row.status === "done" && row.leaseOwner === null)).toBe(true);
    expect(await drainOutboxNow()).toEqual({ handled: 0, retried: 0, dead: 0 });
  });
});

describe("handling", () => {
  it("a consumer that throws is retried with backoff, then dead with its error; the event's other consumers are not held up", async () => {
    await emit(["issue:a"]);
    const handled: string[] = [];
    const consumers: OutboxConsumers = {
      rules: async (event) => void handled.push(`rules:${streamOf(event)}`),
      alerts: async () => {
        throw new Error("Slack is down");
      },
    };
    const start = Date.now();
    expect(await drainOutbox({ consumers, owner: "t" })).toEqual({ handled: 1, retried: 1, dead: 0 });
    expect(handled).toEqual(["rules:issue:a"]);
    const alerts = (await handlings()).find((row) => row.consumer === "alerts")!;
    expect(alerts).toMatchObject({ status: "pending", attempts: 1, lastError: "Slack is down", leaseOwner: null });
    expect(alerts.availableAt.getTime()).toBeGreaterThan(start);
    // Not due yet: nothing is claimed.
    expect(await drainOutbox({ consumers, owner: "t" })).toEqual({ handled: 0, retried: 0, dead: 0 });

    let clock = Date.now();
    for (let attempt = 2; attempt <= MAX_HANDLING_ATTEMPTS; attempt++) {
      clock += 60 * 60_000;
      await drainOutbox({ consumers, owner: "t", now: () => new Date(clock) });
    }
    const dead = (await handlings()).find((row) => row.consumer === "alerts")!;
    expect(dead).toMatchObject({ status: "dead", attempts: MAX_HANDLING_ATTEMPTS, lastError: "Slack is down" });
    expect(dead.finishedAt).not.toBeNull();
    // The loop's handling of the same event was never claimed by a drainer without that consumer.
    expect((await handlings()).find((row) => row.consumer === "loop")).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("events of one stream reach a consumer in order, one at a time; a failing one holds its stream only", async () => {
    await emit(["issue:a", "issue:a", "issue:b"]);
    await emit(["issue:a"]);
    const seen: string[] = [];
    let failFirst = true;
    const consumers: OutboxConsumers = {
      rules: async (event) => {
        const stream = streamOf(event);
        if (stream === "issue:a" && failFirst) {
          failFirst = false;
          throw new Error("database blip");
        }
        seen.push(`${stream}@${event.attempt}`);
      },
    };
    await drainOutbox({ consumers, owner: "t" });
    expect(seen).toEqual(["issue:b@1"]);
    await drainOutbox({ consumers, owner: "t", now: () => new Date(Date.now() + 3_600_000) });
    expect(seen).toEqual(["issue:b@1", "issue:a@2", "issue:a@1", "issue:a@1"]);
    const rules = (await handlings()).filter((row) => row.consumer === "rules");
    expect(rules.filter((row) => row.streamKey === "issue:a").map((row) => row.status)).toEqual(["done", "done", "done"]);
  });

  it("a handling whose drainer died is taken over once its lease runs out, not before", async () => {
    await emit(["issue:a"]);
    const [row] = (await handlings()).filter((handling) => handling.consumer === "rules");
    await database.db.outboxHandling.update({ where: { seq: row!.seq }, data: { leaseOwner: "crashed", leaseExpiresAt: new Date(Date.now() + 60_000), attempts: 1 } });
    const seen: number[] = [];
    const consumers: OutboxConsumers = { rules: async (event) => void seen.push(event.attempt) };
    await drainOutbox({ consumers, owner: "t" });
    expect(seen).toEqual([]);
    await drainOutbox({ consumers, owner: "t", now: () => new Date(Date.now() + 61_000) });
    expect(seen).toEqual([2]);
  });

  it("a handling retried after a crash repeats nothing: one job and one record per rule and event", async () => {
    await createRule({ name: "pool → restart", trigger: "issue_created", conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "pool" }] }] }, action: { script: "noop", tier: "nonprod", args: {} } }, SYSTEM_ACTOR);
    await deliverIssue("connection pool exhausted");
    const [row] = await database.sql.query<{ id: string; topic: "issue.changed"; streamKey: string; payload: unknown; createdAt: Date }>(`SELECT * FROM "OutboxEvent"`);
    const event: OutboxEventRecord = { ...row!, sentryTrace: null, baggage: null, attempt: 1, maxAttempts: 8 };
    const handle = rulesOutboxHandler();

    await handle(event);
    // Crashed after the job was submitted, before the evaluations were recorded:
    await database.db.ruleEvaluation.deleteMany();
    await handle({ ...event, attempt: 2 });
    // …and after the record, before the done mark:
    await handle({ ...event, attempt: 3 });
    await settleBackgroundTasks();

    expect(await database.db.remediationJob.count()).toBe(1);
    const evaluations = await database.db.ruleEvaluation.findMany();
    expect(evaluations.map((evaluation) => [evaluation.decision, evaluation.outboxEventId])).toEqual([["submitted", event.id]]);
    expect(evaluations[0]!.jobId).toBe((await database.db.remediationJob.findFirstOrThrow()).id);
  });
});

describe("what operators see", () => {
  it("backlog, lag and dead handlings per consumer; an operator retries a dead one, once", async () => {
    await emit(["issue:a"]);
    const status = await getOutboxStatus(new Date(Date.now() + 90_000));
    expect(status.consumers.map((row) => [row.consumer, row.pending, row.dead])).toEqual([
      ["rules", 1, 0],
      ["alerts", 1, 0],
      ["loop", 1, 0],
      ["loop-resolve", 0, 0],
      ["alert-send", 0, 0],
    ]);
    expect(status.consumers[0]!.oldestPendingAgeMs).toBeGreaterThanOrEqual(90_000);

    await database.db.outboxHandling.updateMany({ where: { consumer: "alerts" }, data: { status: "dead", attempts: MAX_HANDLING_ATTEMPTS, lastError: "Slack is down" } });
    const { dead } = await getOutboxStatus();
    expect(dead).toEqual([expect.objectContaining({ consumer: "alerts", topic: "issue.changed", lastError: "Slack is down" })]);

    const tokens = await createRoleTokens();
    const retry = (seq: string, role: "operator" | "viewer" = "operator") =>
      callRoute(retryRoute.POST, { method: "POST", path: `/api/outbox/handlings/${seq}/retry`, params: { seq }, token: tokens[role], body: {} });
    expect((await retry(dead[0]!.seq, "viewer")).status).toBe(403);
    expect((await retry(dead[0]!.seq)).status).toBe(200);
    expect(await database.db.outboxHandling.findFirstOrThrow({ where: { consumer: "alerts" } })).toMatchObject({ status: "pending", attempts: 0 });
    expect(await database.db.auditLogEntry.count({ where: { action: "outbox.handling_retried" } })).toBe(1);
    expect((await retry(dead[0]!.seq)).status).toBe(409);
    expect((await retry("999999")).status).toBe(404);
    expect((await retry("not-a-number")).status).toBe(404);
  });

  it("a consumer stuck past the threshold raises outbox.stuck once per episode, resolved when it catches up", async () => {
    await emit(["issue:a"]);
    const now = Date.now();
    expect(await watchOutboxLag(new Date(now + 5 * 60_000), 10)).toMatchObject({ stuck: [], raised: [] });
    const late = new Date(now + 11 * 60_000);
    expect(await watchOutboxLag(late, 10)).toMatchObject({ stuck: ["rules", "alerts", "loop"], raised: ["rules", "alerts", "loop"] });
    expect(await watchOutboxLag(new Date(now + 12 * 60_000), 10)).toMatchObject({ raised: [] });
    const stuck = await database.db.alertEvent.findMany({ where: { type: "outbox.stuck" }, orderBy: { groupKey: "asc" } });
    expect(stuck.map((event) => [event.groupKey, event.severity])).toEqual([
      ["outbox:alerts", "error"],
      ["outbox:loop", "error"],
      ["outbox:rules", "error"],
    ]);
    expect(stuck[0]!.title).toMatch(/alerts has 1 change\(s\) waiting, the oldest for 11 min/);

    await drainOutbox({ consumers: { rules: async () => {} }, owner: "t" });
    expect(await watchOutboxLag(new Date(now + 13 * 60_000), 10)).toMatchObject({ stuck: ["alerts", "loop"], raised: [], recovered: 1 });
    expect(await database.db.alertEvent.findMany({ where: { type: "outbox.recovered" } })).toEqual([expect.objectContaining({ groupKey: "outbox:rules", resolves: true })]);
  });
});
