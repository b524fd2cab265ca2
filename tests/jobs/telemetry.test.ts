import * as SentryNode from "@sentry/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/sentry/route";
import { SYSTEM_ACTOR } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { settleBackgroundTasks, submitJob } from "@/lib/jobs";
import { createRule } from "@/lib/rules";
import { JobWorker } from "@/lib/worker";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startFakeSentryDsn, type FakeSentryDsn } from "../support/fake-sentry-dsn";
import { queueSettings, SYSTEM, testConfig } from "../support/jobs";
import { drainOutboxNow } from "../support/outbox";
import { callRoute } from "../support/routes";
import { fixture, sentryHeaders } from "../support/sentry-webhooks";

let database: TestDatabase;
let dsn: FakeSentryDsn;

beforeAll(async () => {
  database = await createTestDatabase();
  dsn = await startFakeSentryDsn();
  // The standalone worker's SDK, pointed at a local fake: the envelopes are the real ones.
  SentryNode.init({ dsn: dsn.dsn, tracesSampleRate: 1, environment: "test" });
});
afterAll(async () => {
  await SentryNode.close(2000);
  await dsn.close();
  await database.close();
});

// SDK 11 streams spans as `span` items (span v2): attributes carry the op and our tags.
type SpanV2 = { name: string; trace_id: string; span_id: string; status: string; is_segment: boolean; attributes: Record<string, { value: unknown }> };
const streamedSpans = () => dsn.items.filter((item) => item.header.type === "span").flatMap((item) => (item.payload as { items: SpanV2[] }).items);
const attributesOf = (span: SpanV2 | undefined) => Object.fromEntries(Object.entries(span?.attributes ?? {}).map(([key, attribute]) => [key, attribute.value]));

describe("Sentry in the loop", () => {
  it("wraps each run in a batch.job span and reports a failure with the job's tags and context", async () => {
    const ok = await submitJob({ script: "noop", tier: "prod", namespace: "payments", priorityClass: "A" }, SYSTEM);
    const failing = await submitJob({ script: "sleep", tier: "nonprod", args: { seconds: 0, fail: true } }, SYSTEM);
    const worker = new JobWorker({ kind: "standalone", id: "telemetry", tiers: ["prod", "nonprod"], concurrency: 2, pollIntervalMs: 50, settings: queueSettings(), config: testConfig(), log: () => {} });
    await worker.drain(Date.now() + 10_000);
    await settleBackgroundTasks();
    await SentryNode.flush(5000);

    // SDK 11 streams spans as `span` items (span v2): attributes carry the op and our tags.
    type SpanV2 = { name: string; trace_id: string; status: string; is_segment: boolean; attributes: Record<string, { value: unknown }> };
    const spans = dsn.items.filter((item) => item.header.type === "span").flatMap((item) => (item.payload as { items: SpanV2[] }).items);
    const attributes = (span: SpanV2 | undefined) => Object.fromEntries(Object.entries(span?.attributes ?? {}).map(([key, attribute]) => [key, attribute.value]));
    const okRun = spans.find((span) => span.name === "Batch Job: noop");
    expect(okRun?.is_segment).toBe(true);
    expect(attributes(okRun)).toMatchObject({ "sentry.op": "batch.job", tier: "prod", namespace: "payments", class: "A", jobId: ok.job.id, script: "noop" });
    expect(okRun?.status).toBe("ok");
    const failedRun = spans.find((span) => span.name === "Batch Job: sleep");
    expect(attributes(failedRun)["sentry.op"]).toBe("batch.job");
    expect(failedRun?.status).toBe("error");

    const events = dsn.items.filter((item) => item.header.type === "event").map((item) => item.payload as { exception: { values: { type: string; value: string }[] }; tags: Record<string, string>; contexts: { job: Record<string, unknown>; trace: { trace_id: string } } });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.exception.values.at(-1)).toMatchObject({ type: "ScriptFailure", value: "Failed on purpose (fail: true)." });
    expect(event!.tags).toMatchObject({ jobId: failing.job.id, script: "sleep", tier: "nonprod" });
    expect(event!.contexts.job).toMatchObject({ id: failing.job.id, script: "sleep", attempt: 1 });

    // The job page links the trace: the id stored on the job is the run's trace.
    const stored = await database.db.remediationJob.findUniqueOrThrow({ where: { id: failing.job.id } });
    expect(stored.traceId).toBe(failedRun?.trace_id);
    expect(event!.contexts.trace.trace_id).toBe(stored.traceId);
  });

  it("one trace per remediation: the webhook, the rule's outbox handling and the job it submitted share the webhook's trace", async () => {
    process.env.SENTRY_CLIENT_SECRET = "telemetry-webhook-secret";
    resetConfigForTests();
    try {
      await database.db.appSetting.create({ data: { key: "rules.defaultsSeeded", value: {} } });
      await createRule({ name: "pool → noop", trigger: "issue_created", conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "pool exhausted" }] }] }, action: { script: "noop", tier: "nonprod", args: {} } }, SYSTEM_ACTOR);
      const body = structuredClone(fixture("issue-created-1.json").body) as { data: { issue: Record<string, unknown> } };
      Object.assign(body.data.issue, { id: "6600001", title: "OperationalError: pool exhausted" });
      const raw = JSON.stringify(body);
      // What the server SDK does around a request: a span the request's work runs in.
      const webhookTraceId = await SentryNode.startSpan({ name: "POST /api/webhooks/sentry", op: "http.server", forceTransaction: true }, async (span) => {
        const answer = await callRoute(webhookRoute.POST, { method: "POST", path: "/api/webhooks/sentry", rawBody: raw, headers: sentryHeaders(raw, "issue", "telemetry-webhook-secret") });
        expect(answer.status).toBe(200);
        return span.spanContext().traceId;
      });
      // Later, elsewhere: a worker drains the outbox, then runs the job.
      await drainOutboxNow();
      const job = await database.db.remediationJob.findFirstOrThrow({ where: { issue: { sentryId: "6600001" } } });
      const worker = new JobWorker({ kind: "standalone", id: "telemetry-trace", tiers: ["prod", "nonprod"], concurrency: 1, pollIntervalMs: 50, settings: queueSettings(), config: testConfig(), log: () => {} });
      await worker.drain(Date.now() + 10_000);
      await settleBackgroundTasks();
      await SentryNode.flush(5000);

      const spans = streamedSpans();
      const handling = spans.find((span) => span.name === "outbox issue.changed → rules");
      expect(attributesOf(handling)).toMatchObject({ "sentry.op": "queue.process", "messaging.destination.name": "issue.changed", "messaging.consumer.group.name": "rules" });
      expect(handling?.trace_id).toBe(webhookTraceId);
      const run = spans.find((span) => span.name === "Batch Job: noop" && attributesOf(span).jobId === job.id);
      expect(run?.trace_id).toBe(webhookTraceId);
      expect(attributesOf(run)).toMatchObject({ "sentry.op": "batch.job", "messaging.system": "postgresql", "messaging.destination.name": "remediation_jobs.nonprod", "messaging.message.id": job.id, "messaging.message.retry.count": 0 });
      expect((await database.db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).traceId).toBe(webhookTraceId);
    } finally {
      delete process.env.SENTRY_CLIENT_SECRET;
      resetConfigForTests();
    }
  });
});
