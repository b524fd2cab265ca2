import * as SentryNode from "@sentry/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cronIngestUrl, monitorWorkerPass, parseCheckIn, type WorkerPassReport } from "@/lib/monitors";
import { runCronTick } from "@/lib/worker";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startFakeHttp, type FakeHttpServer } from "../support/fake-http";
import { startFakeSentryDsn, type FakeSentryDsn } from "../support/fake-sentry-dsn";
import { testConfig } from "../support/jobs";

let database: TestDatabase;
let dsn: FakeSentryDsn;
let cronEndpoint: FakeHttpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  dsn = await startFakeSentryDsn();
  cronEndpoint = await startFakeHttp(() => ({ status: 202, body: "" }));
  // The standalone worker's SDK, pointed at a local fake DSN: the envelopes are the real ones.
  SentryNode.init({ dsn: dsn.dsn, environment: "test", tracesSampleRate: 0 });
});
afterAll(async () => {
  await SentryNode.close(2000);
  await Promise.all([dsn.close(), cronEndpoint.close()]);
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  dsn.items.length = 0;
  cronEndpoint.requests.length = 0;
});

type CheckInItem = { check_in_id: string; monitor_slug: string; status: string; environment?: string; duration?: number; monitor_config?: Record<string, unknown> };

function checkInItems(): CheckInItem[] {
  return dsn.items.filter((item) => item.header.type === "check_in").map((item) => item.payload as CheckInItem);
}

/** The SDK's items must pass the rules Relay applies (the parser that tests/fixtures/sentry/checkins check). */
function expectValidForRelay(item: CheckInItem) {
  const parsed = parseCheckIn(item.monitor_slug, {}, item);
  expect(parsed.ok ? "valid" : `${parsed.field}: ${parsed.message}`).toBe("valid");
}

describe("worker passes check in to Sentry Crons (SDK)", () => {
  it("sends in_progress then ok under one id per tier monitor, with the monitor_config upsert, and stores both", async () => {
    const config = testConfig({ SENTRY_DSN: dsn.dsn, SENTRY_ENVIRONMENT: "test", MONITOR_FAILURE_ISSUE_THRESHOLD: "3" });
    const summary = await runCronTick({ config, budgetSeconds: 5 });
    await SentryNode.flush(5000);

    const items = checkInItems();
    expect(items.map((item) => `${item.monitor_slug}:${item.status}`).sort()).toEqual(["batch-worker-nonprod:in_progress", "batch-worker-nonprod:ok", "batch-worker-prod:in_progress", "batch-worker-prod:ok"]);
    for (const slug of ["batch-worker-prod", "batch-worker-nonprod"]) {
      const [start, end] = [items.find((item) => item.monitor_slug === slug && item.status === "in_progress")!, items.find((item) => item.monitor_slug === slug && item.status === "ok")!];
      expect(end.check_in_id).toBe(start.check_in_id);
      expect(start.check_in_id).toMatch(/^[0-9a-f]{32}$/);
      expect(typeof end.duration).toBe("number");
      expect(start.monitor_config).toEqual({ schedule: { type: "crontab", value: "* * * * *" }, checkin_margin: 2, max_runtime: 2, timezone: "UTC", failure_issue_threshold: 3, recovery_threshold: 1 });
      expect(start.environment).toBe("test");
      expectValidForRelay(start);
      expectValidForRelay(end);
    }
    expect(new Set(items.map((item) => item.check_in_id)).size).toBe(2);

    // Every check-in is also recorded here, under the same ids.
    const stored = await database.db.monitorCheckIn.findMany({ include: { monitor: true } });
    expect(stored.map((row) => [row.monitor.slug, row.status, row.source]).sort()).toEqual([
      ["batch-worker-nonprod", "ok", "cron-tick"],
      ["batch-worker-prod", "ok", "cron-tick"],
    ]);
    expect(stored.map((row) => row.checkInId).sort()).toEqual(summary.checkIns.map((report) => report.checkInId).sort());
    expect((await database.db.monitor.findMany()).every((monitor) => monitor.kind === "worker" && monitor.status === "ok")).toBe(true);
    expect(stored.every((row) => row.sentryRelay === "sent")).toBe(true);
  });

  it("does not check in for an admin's manual tick, which is not the scheduled pass", async () => {
    const summary = await runCronTick({ config: testConfig({ SENTRY_DSN: dsn.dsn }), budgetSeconds: 5, checkIn: false });
    await SentryNode.flush(2000);
    expect(summary.checkIns).toEqual([]);
    expect(checkInItems()).toHaveLength(0);
    expect(await database.db.monitorCheckIn.count()).toBe(0);
  });

  it("reports a failing pass as error with the same id, then rethrows", async () => {
    const config = testConfig({ SENTRY_DSN: dsn.dsn, WORKER_TIERS: "prod" });
    let reports: WorkerPassReport[] = [];
    await expect(
      monitorWorkerPass({ kind: "standalone", workerId: "w1", tiers: ["prod"], config }, async () => {
        throw new Error("database went away");
      }, { onReport: (sent) => (reports = sent) }),
    ).rejects.toThrow("database went away");
    await SentryNode.flush(5000);
    const items = checkInItems();
    expect(items.map((item) => item.status)).toEqual(["in_progress", "error"]);
    expect(items[0]!.check_in_id).toBe(items[1]!.check_in_id);
    // A standalone worker's schedule is an interval, not the tick's crontab.
    expect(items[0]!.monitor_config?.schedule).toEqual({ type: "interval", value: 1, unit: "minute" });
    expect(reports[0]).toMatchObject({ slug: "batch-worker-prod", status: "error", sentry: { start: { sent: true }, finish: { sent: true } } });
    expect((await database.db.monitorCheckIn.findFirstOrThrow()).status).toBe("error");
  });

  it("uses configured slugs", async () => {
    const config = testConfig({ SENTRY_DSN: dsn.dsn, MONITOR_SLUG_PROD: "ops-prod-tick", WORKER_TIERS: "prod" });
    await monitorWorkerPass({ kind: "cron", workerId: "cron", tiers: ["prod"], config }, async () => "done");
    await SentryNode.flush(5000);
    expect(new Set(checkInItems().map((item) => item.monitor_slug))).toEqual(new Set(["ops-prod-tick"]));
  });

  it("refuses at start a slug or environment Sentry would drop", () => {
    expect(() => testConfig({ MONITOR_SLUG_PROD: "Batch Worker" })).toThrow(/MONITOR_SLUG_PROD/);
    expect(() => testConfig({ MONITOR_SLUG_NONPROD: "123" })).toThrow(/MONITOR_SLUG_NONPROD/);
    expect(() => testConfig({ SENTRY_ENVIRONMENT: "e".repeat(65) })).toThrow(/SENTRY_ENVIRONMENT/);
    expect(() => testConfig({ MONITOR_FAILURE_ISSUE_THRESHOLD: "721" })).toThrow(/MONITOR_FAILURE_ISSUE_THRESHOLD/);
  });
});

describe("worker passes check in over plain HTTP (no SDK)", () => {
  it("posts each check-in as JSON to Sentry's cron URL derived from the DSN", async () => {
    const httpDsn = `${cronEndpoint.url.replace("http://", "http://publickey@")}/42`;
    expect(cronIngestUrl(httpDsn, "batch-worker-prod")).toBe(`${cronEndpoint.url}/api/42/cron/batch-worker-prod/publickey/`);
    const config = testConfig({ SENTRY_DSN: httpDsn, SENTRY_CRONS_TRANSPORT: "http", SENTRY_ENVIRONMENT: "staging", WORKER_TIERS: "nonprod" });
    await monitorWorkerPass({ kind: "standalone", workerId: "w2", tiers: ["nonprod"], config }, async () => "done");
    expect(checkInItems()).toHaveLength(0);
    expect(cronEndpoint.requests.map((request) => [request.method, request.path])).toEqual([
      ["POST", "/api/42/cron/batch-worker-nonprod/publickey/"],
      ["POST", "/api/42/cron/batch-worker-nonprod/publickey/"],
    ]);
    const [start, end] = cronEndpoint.requests.map((request) => request.json as CheckInItem);
    expect(start).toMatchObject({ status: "in_progress", environment: "staging", monitor_config: { schedule: { type: "interval", value: 1, unit: "minute" }, checkin_margin: 2 } });
    expect(end).toMatchObject({ status: "ok", check_in_id: start!.check_in_id });
    expect(typeof end!.duration).toBe("number");
    expectValidForRelay({ ...start!, monitor_slug: "batch-worker-nonprod" });
  });

  it("keeps working locally when Sentry is unreachable, and says why", async () => {
    const config = testConfig({ SENTRY_DSN: "http://publickey@127.0.0.1:9/1", SENTRY_CRONS_TRANSPORT: "http", WORKER_TIERS: "prod" });
    let reports: WorkerPassReport[] = [];
    await monitorWorkerPass({ kind: "standalone", workerId: "w3", tiers: ["prod"], config }, async () => "done", { onReport: (sent) => (reports = sent) });
    expect(reports[0]!.sentry.finish).toMatchObject({ sent: false });
    const stored = await database.db.monitorCheckIn.findFirstOrThrow();
    expect(stored.status).toBe("ok");
    expect(stored.sentryRelay).toMatch(/^not sent: /);
  });
});

describe("a started standalone worker", () => {
  it("runs a monitored pass at start and on its interval, with the interval schedule", async () => {
    const { JobWorker, queueSettingsFrom } = await import("@/lib/worker");
    const config = testConfig({ SENTRY_DSN: dsn.dsn, WORKER_TIERS: "nonprod" });
    const worker = new JobWorker({ kind: "standalone", id: "standalone-test", tiers: ["nonprod"], concurrency: 1, pollIntervalMs: 50, settings: queueSettingsFrom(config), config, tickTasksEveryMs: 300, log: () => {} });
    await worker.start();
    try {
      await expect.poll(async () => database.db.monitorCheckIn.count({ where: { status: "ok", workerId: "standalone-test" } }), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      await worker.stop(1000);
    }
    await SentryNode.flush(2000);
    const items = checkInItems().filter((item) => item.monitor_slug === "batch-worker-nonprod");
    expect(items.filter((item) => item.status === "ok").length).toBeGreaterThanOrEqual(2);
    expect(items[0]!.monitor_config?.schedule).toEqual({ type: "interval", value: 1, unit: "minute" });
    const stored = await database.db.monitorCheckIn.findFirstOrThrow({ where: { workerId: "standalone-test" } });
    expect(stored.source).toBe("standalone");
  });
});
