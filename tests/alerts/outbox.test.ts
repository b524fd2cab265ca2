import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/sentry/route";
import { createChannel, createRoute, forgetAlertRoutesForTests, listChannels, listDeliveries, raiseAlertEvent, reAlertOpenGroups, type AlertEventInput } from "@/lib/alerts";
import { resetConfigForTests } from "@/lib/config";
import { SYSTEM_ACTOR } from "@/lib/auth";
import { parseConfig, type AppConfig } from "@/lib/config";
import { ValidationFailed } from "@/lib/errors";
import { recordProbeResult } from "@/lib/health";
import { settleBackgroundTasks, submitJob } from "@/lib/jobs";
import { parseCheckIn, recordCheckIn } from "@/lib/monitors";
import { JobWorker } from "@/lib/worker";
import { withTestDatabase } from "../support/database";
import { drainOutboxNow } from "../support/outbox";
import { callRoute } from "../support/routes";
import { fixture, sentryHeaders } from "../support/sentry-webhooks";
import { OPERATOR, queueSettings } from "../support/jobs";
import { startFakeHttp, type FakeHttpServer } from "../support/fake-http";
import { startFakeSmtp } from "../support/fake-smtp";

const database = withTestDatabase({ truncateEach: true });
const APP_SECRET = "test-app-secret-0123456789abcdefghijkl";
const ROUTING_KEY = "R0UTINGKEY0123456789abcdefABCDEF";
const SIGNING_SECRET = "whsec_0123456789abcdef";
const config: AppConfig = parseConfig({ NODE_ENV: "test", APP_SECRET, APP_URL: "https://ops.example.com" });

let slack: FakeHttpServer;
let pagerduty: FakeHttpServer;
let receiver: FakeHttpServer;
const slackUrl = () => `${slack.url}/services/T0001/B0001/slacksecrettoken`;

beforeAll(async () => {
  slack = await startFakeHttp(() => ({ status: 200, body: "ok" }));
  pagerduty = await startFakeHttp(() => ({ status: 202, body: { status: "success", message: "Event processed" } }));
  receiver = await startFakeHttp(() => ({ status: 204 }));
});
afterAll(async () => {
  await Promise.all([slack.close(), pagerduty.close(), receiver.close()]);
});
beforeEach(() => {
  for (const server of [slack, pagerduty, receiver]) server.requests.length = 0;
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 10, minutes));
/** The outbox drained at `now`, as a worker would: each due delivery is sent (alert-send consumer). */
const dispatch = (now: Date, options: { random?: () => number; timeoutMs?: number } = {}) =>
  drainOutboxNow({ now: () => now, random: options.random, alerts: { config, timeoutMs: options.timeoutMs } });
/** The tick's re-alerts, then the drain that sends them. */
async function tick(now: Date) {
  const { reAlerted } = await reAlertOpenGroups(now);
  return { reAlerted, ...(await dispatch(now)) };
}

/** The outbox handling that sends a delivery: when it is due again, and how often it was tried. */
async function sendHandling(deliveryId: string) {
  const [handling] = await database().sql.query<{ status: string; attempts: number; availableAt: Date; lastError: string | null }>(
    `SELECT h."status"::text AS "status", h."attempts", h."availableAt", h."lastError" FROM "OutboxHandling" h JOIN "OutboxEvent" e ON e."id" = h."eventId"
      WHERE h."consumer" = 'alert-send' AND e."payload"->>'deliveryId' = $1`,
    [deliveryId],
  );
  return handling!;
}

async function channels() {
  // Routes of their own here, not the strategy's defaults (alerts-api.test.ts covers those).
  const slackChannel = await createChannel({ name: "#production-alerts", kind: "slack", secret: slackUrl(), defaultRoutes: false }, SYSTEM_ACTOR, config);
  const pager = await createChannel({ name: "On-call", kind: "pagerduty", settings: { eventsUrl: `${pagerduty.url}/v2/enqueue` }, secret: ROUTING_KEY, defaultRoutes: false }, SYSTEM_ACTOR, config);
  const hook = await createChannel({ name: "Audit webhook", kind: "webhook", settings: { url: `${receiver.url}/alerts` }, secret: SIGNING_SECRET, defaultRoutes: false }, SYSTEM_ACTOR, config);
  await createRoute({ name: "Production → Slack", match: { tiers: ["prod"] }, channelIds: [slackChannel.id] }, SYSTEM_ACTOR);
  await createRoute({ name: "Class A prod failures → PagerDuty", match: { types: ["job.failed", "remediation.ineffective"], tiers: ["prod"], classes: ["A"] }, channelIds: [pager.id], throttleSeconds: 0 }, SYSTEM_ACTOR);
  await createRoute({ name: "Everything → webhook", channelIds: [hook.id], throttleSeconds: 300 }, SYSTEM_ACTOR);
  return { slackChannel, pager, hook };
}

const jobFailed = (overrides: Partial<AlertEventInput> = {}): AlertEventInput => ({
  type: "job.failed",
  groupKey: "job-failed:restart-db-pool:checkout",
  severity: "error",
  tier: "prod",
  title: "restart-db-pool failed on prod",
  data: { jobId: "job-1", script: "restart-db-pool", namespace: "checkout", priorityClass: "A", error: "pool did not come back" },
  ...overrides,
});

async function raise(event: AlertEventInput, now: Date) {
  return database().sql.transaction((tx) => raiseAlertEvent(tx, { ...event, occurredAt: now }));
}

async function deliveries() {
  return database().db.alertDelivery.findMany({ include: { channel: true, event: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

describe("the alert outbox", () => {
  it("routes an event to every matching channel and sends Slack, PagerDuty and a signed webhook", async () => {
    await channels();
    await raise(jobFailed(), at(0));
    expect(Object.fromEntries((await deliveries()).map((d) => [d.channel.name, d.status]))).toEqual({ "#production-alerts": "pending", "On-call": "pending", "Audit webhook": "pending" });

    expect(await dispatch(at(0))).toEqual({ handled: 3, retried: 0, dead: 0 });
    expect(slack.requests[0]!.path).toBe("/services/T0001/B0001/slacksecrettoken");
    expect(slack.requests[0]!.json).toMatchObject({ text: ":red_circle: restart-db-pool failed on prod" });
    expect(pagerduty.requests[0]!.json).toMatchObject({ routing_key: ROUTING_KEY, event_action: "trigger", dedup_key: "job-failed:restart-db-pool:checkout", links: [{ href: "https://ops.example.com/jobs/job-1" }] });
    const hook = receiver.requests[0]!;
    const expected = createHmac("sha256", SIGNING_SECRET).update(`${hook.headers["x-ops-timestamp"]}.${hook.body}`).digest("hex");
    expect(hook.headers["x-ops-signature"]).toBe(`sha256=${expected}`);
    expect((await deliveries()).every((d) => d.status === "sent" && d.sentAt)).toBe(true);
  });

  it("throttles repeats of a group per route, resolves PagerDuty with the same key, and ignores a resolve nobody was told of", async () => {
    await channels();
    await raise(jobFailed(), at(0));
    await raise(jobFailed(), at(2));
    const second = (await deliveries()).filter((d) => d.event.createdAt.getTime() === at(2).getTime());
    // Slack and the webhook keep their 5-minute window; the PagerDuty route has none.
    expect(Object.fromEntries(second.map((d) => [d.channel.name, [d.status, d.lastError]]))).toEqual({
      "#production-alerts": ["suppressed", "throttled"],
      "On-call": ["pending", null],
      "Audit webhook": ["suppressed", "throttled"],
    });
    await dispatch(at(2));
    await raise(jobFailed({ resolves: true, type: "job.failed", title: "restart-db-pool recovered" }), at(3));
    await dispatch(at(3));
    expect(pagerduty.requests.map((request) => (request.json as { event_action: string }).event_action)).toEqual(["trigger", "trigger", "resolve"]);
    expect((pagerduty.requests[2]!.json as { dedup_key: string }).dedup_key).toBe("job-failed:restart-db-pool:checkout");

    // A resolve goes only where its group was alerted: nowhere, for a group never alerted.
    await raise(jobFailed({ groupKey: "never-alerted", resolves: true }), at(4));
    expect((await deliveries()).filter((d) => d.event.groupKey === "never-alerted")).toEqual([]);
  });

  it("holds alerts that a maintenance window covers", async () => {
    await channels();
    await database().db.maintenanceWindow.create({ data: { name: "DB upgrade", match: { namespaces: ["checkout"] }, startsAt: at(0), endsAt: at(60) } });
    await raise(jobFailed(), at(10));
    await raise(jobFailed({ groupKey: "other", data: { namespace: "billing", priorityClass: "A" } }), at(10));
    const byGroup = (group: string) => deliveries().then((rows) => rows.filter((d) => d.event.groupKey === group).map((d) => d.status));
    expect(await byGroup("job-failed:restart-db-pool:checkout")).toEqual(["suppressed", "suppressed", "suppressed"]);
    expect(await byGroup("other")).toEqual(["pending", "pending", "pending"]);
  });

  it("retries a 5xx through the outbox with backoff, and gives up on a 4xx without storing the secret", async () => {
    const { slackChannel } = await channels();
    slack.queue({ status: 503, body: "busy" });
    await raise(jobFailed({ tier: "prod", data: { priorityClass: "B" } }), at(0));
    // The highest draw of the full jitter: the whole first window, 30 s.
    expect(await dispatch(at(0), { random: () => 0.999999 })).toMatchObject({ handled: 1, retried: 1 });
    const retrying = (await deliveries()).find((d) => d.channelId === slackChannel.id)!;
    expect(retrying).toMatchObject({ status: "pending", attempts: 1, lastError: "answered 503: busy" });
    expect(await sendHandling(retrying.id)).toMatchObject({ status: "pending", attempts: 1, availableAt: new Date(at(0).getTime() + 30_000), lastError: "#production-alerts: answered 503: busy" });
    // Not due yet, then due.
    expect(await dispatch(new Date(at(0).getTime() + 29_000))).toMatchObject({ handled: 0 });
    expect(await dispatch(new Date(at(0).getTime() + 30_000))).toMatchObject({ handled: 1 });
    expect((await deliveries()).find((d) => d.id === retrying.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });

    // Slack's answer to a removed webhook echoes the path: the stored error must not.
    slack.queue({ status: 404, body: `no_service for /services/T0001/B0001/slacksecrettoken` });
    await raise(jobFailed({ groupKey: "g2", data: { priorityClass: "B" } }), at(10));
    expect(await dispatch(at(10))).toMatchObject({ handled: 2, retried: 0, dead: 0 });
    const failed = (await deliveries()).find((d) => d.event.groupKey === "g2" && d.channelId === slackChannel.id)!;
    expect(failed.status).toBe("failed");
    expect(failed.lastError).not.toContain("slacksecrettoken");
    expect(failed.lastError).toContain("[secret]");
    expect(await sendHandling(failed.id)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("spreads the retries of deliveries that failed together (full jitter), and gives one up as failed on its last allowed attempt", async () => {
    const { slackChannel, pager } = await channels();
    slack.queue({ status: 503, body: "busy" });
    pagerduty.queue({ status: 500, body: "oops" });
    await raise(jobFailed({ groupKey: "together", data: { priorityClass: "A" } }), at(0));
    const draws = [0.2, 0.8];
    expect(await dispatch(at(0), { random: () => draws.shift() ?? 0.5 })).toMatchObject({ handled: 1, retried: 2 });
    const failedTogether = (await deliveries()).filter((d) => d.channelId === slackChannel.id || d.channelId === pager.id);
    const delays = await Promise.all(failedTogether.map(async (d) => ((await sendHandling(d.id)).availableAt.getTime() - at(0).getTime()) / 1000));
    // Two draws, two different times within the first 30 s window: they do not retry in lockstep.
    expect(delays.sort((a, b) => a - b)).toEqual([6, 24]);

    // The receiver stays down: the delivery's last allowed attempt (8) records it failed.
    const slackDelivery = failedTogether.find((d) => d.channelId === slackChannel.id)!;
    await database().sql.execute(`UPDATE "OutboxHandling" SET "attempts" = 7 FROM "OutboxEvent" e WHERE e."id" = "eventId" AND e."payload"->>'deliveryId' = $1`, [slackDelivery.id]);
    slack.queue({ status: 503, body: "still busy" });
    expect(await dispatch(at(60))).toMatchObject({ handled: 2, retried: 0, dead: 0 });
    expect((await deliveries()).find((d) => d.id === slackDelivery.id)).toMatchObject({ status: "failed", lastError: "answered 503: still busy" });
    expect((await listDeliveries()).find((d) => d.id === slackDelivery.id)).toMatchObject({ status: "failed", attempts: 2, lastError: "answered 503: still busy" });
  });

  it("never shows a channel's secret, and stores it encrypted", async () => {
    await channels();
    const listed = JSON.stringify(await listChannels());
    for (const secret of ["slacksecrettoken", ROUTING_KEY, SIGNING_SECRET]) expect(listed).not.toContain(secret);
    expect(listed).toContain('"secretSource":"stored"');
    const stored = await database().db.notificationChannel.findMany();
    for (const channel of stored) expect(channel.secretCiphertext).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain("slacksecrettoken");
  });

  it("refuses bad channels naming the field, and a stored secret without APP_SECRET", async () => {
    const fieldOf = (input: Parameters<typeof createChannel>[0], withConfig = config) =>
      createChannel(input, SYSTEM_ACTOR, withConfig).then(
        () => "created",
        (error: unknown) => (error instanceof ValidationFailed ? error.details.field : String(error)),
      );
    expect(await fieldOf({ name: "x", kind: "slack", secret: "not a url" })).toBe("secret");
    expect(await fieldOf({ name: "x", kind: "slack" })).toBe("secret");
    expect(await fieldOf({ name: "x", kind: "webhook", settings: { url: "ftp://example.com" }, secret: SIGNING_SECRET })).toBe("settings.url");
    expect(await fieldOf({ name: "x", kind: "sms" as "slack", secret: "x" })).toBe("kind");
    expect(await fieldOf({ name: "x", kind: "slack", secret: slackUrl() }, parseConfig({ NODE_ENV: "test" }))).toBe("secret");
    expect(await fieldOf({ name: "x", kind: "slack", secretEnvVar: "SLACK_PROD" }, parseConfig({ NODE_ENV: "test" }))).toBe("created");
    expect(await database().db.notificationChannel.count()).toBe(1);
  });

  it("a job that fails raises job.failed to its routes; the next success there resolves it, and other successes write nothing", async () => {
    await channels();
    const run = async (fail: boolean, namespace = "checkout") => {
      await submitJob({ script: "sleep", args: { seconds: 0, fail }, tier: "prod", namespace, priorityClass: "A" }, { ...OPERATOR, role: "admin" as const });
      // The worker's outbox drain sends the alerts too: with the config that opens the channels' secrets.
      const worker = new JobWorker({ kind: "cron", id: "alerts-test", tiers: ["prod", "nonprod"], concurrency: 1, pollIntervalMs: 50, settings: queueSettings(), config, log: () => {} });
      await worker.drain(Date.now() + 20_000);
      await settleBackgroundTasks();
    };
    await run(false, "billing");
    expect(await database().db.alertEvent.count()).toBe(0);
    await run(true);
    await run(false);
    const events = await database().db.alertEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.type, event.groupKey, event.severity, event.resolves])).toEqual([
      ["job.failed", "job:sleep:prod:checkout", "critical", false],
      ["job.succeeded", "job:sleep:prod:checkout", "info", true],
    ]);
    // The workers' drains sent them: the success's resolve after the failure's trigger.
    expect(pagerduty.requests.map((request) => (request.json as { event_action: string }).event_action)).toEqual(["trigger", "resolve"]);
  });

  it("holds a resolve behind its group's trigger while the trigger is retried, so PagerDuty never sees them reversed", async () => {
    await channels();
    pagerduty.queue({ status: 502, body: "bad gateway" });
    await raise(jobFailed(), at(0));
    await raise(jobFailed({ resolves: true, title: "recovered" }), at(1));
    await dispatch(at(1));
    expect(pagerduty.requests.map((request) => (request.json as { event_action: string }).event_action)).toEqual(["trigger"]);
    await dispatch(at(5));
    expect(pagerduty.requests.map((request) => (request.json as { event_action: string }).event_action)).toEqual(["trigger", "trigger", "resolve"]);
  });

  it("a production worker monitor that starts failing raises monitor.failing, and its recovery resolves it", async () => {
    await channels();
    const checkIn = async (status: "ok" | "error", now: Date) => {
      const parsed = parseCheckIn("batch-worker-prod", {}, { status, monitor_config: { schedule: { type: "crontab", value: "* * * * *" }, failure_issue_threshold: 2 } });
      if (!parsed.ok) throw new Error("bad check-in");
      await recordCheckIn(parsed.value, { source: "cron-tick", kind: "worker", now });
    };
    await checkIn("error", at(0));
    await checkIn("error", at(1));
    await checkIn("ok", at(2));
    const events = await database().db.alertEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.type, event.groupKey, event.severity, event.tier, event.resolves])).toEqual([
      ["monitor.failing", "monitor:batch-worker-prod", "critical", "prod", false],
      ["monitor.recovered", "monitor:batch-worker-prod", "info", "prod", true],
    ]);
  });

  it("a health check going down raises health.down to the routes that take it; coming back up resolves it there", async () => {
    const { hook } = await channels();
    const check = await database().db.healthCheck.create({ data: { name: "Checkout API", kind: "http", target: { url: "http://127.0.0.1:9/health" } } });
    await recordProbeResult(check.id, { ok: false, latencyMs: 3, error: "connection refused" }, at(0));
    await recordProbeResult(check.id, { ok: false, latencyMs: 3, error: "connection refused" }, at(1));
    await recordProbeResult(check.id, { ok: true, latencyMs: 12 }, at(2));
    await dispatch(at(3));
    // Only the catch-all webhook takes events without a tier; the down is announced once.
    expect(receiver.requests.map((request) => [(request.json as { type: string }).type, (request.json as { title: string }).title])).toEqual([
      ["health.down", "Checkout API is down: connection refused"],
      ["health.up", "Checkout API is up again"],
    ]);
    expect((await deliveries()).every((delivery) => delivery.channelId === hook.id)).toBe(true);
  });

  it("a new fatal issue from a Sentry webhook is announced to a route for fatal issues", async () => {
    // Only the route under test: the default rule pack would act on this issue too (and raise its approval alert).
    await database().db.appSetting.create({ data: { key: "rules.defaultsSeeded", value: {} } });
    const { hook } = await channels();
    await createRoute({ name: "Fatal issues", match: { types: ["issue.created"], levels: ["fatal"] }, channelIds: [hook.id], throttleSeconds: 0 }, SYSTEM_ACTOR);
    forgetAlertRoutesForTests();
    process.env.SENTRY_CLIENT_SECRET = "alerts-webhook-secret";
    resetConfigForTests();
    try {
      const raw = JSON.stringify(fixture("issue-created.json").body);
      const answer = await callRoute(webhookRoute.POST, { method: "POST", path: "/api/webhooks/sentry", rawBody: raw, headers: sentryHeaders(raw, "issue", "alerts-webhook-secret") });
      expect(answer.status).toBe(200);
      // The request stored the issue and its outbox event; the alert is the drain's work.
      expect(await database().db.alertEvent.count()).toBe(0);
      await drainOutboxNow({ alerts: { config } });
    } finally {
      delete process.env.SENTRY_CLIENT_SECRET;
      resetConfigForTests();
    }
    const events = await database().db.alertEvent.findMany();
    expect(events).toEqual([expect.objectContaining({ type: "issue.created", severity: "critical" })]);
    // The catch-all route and the fatal-issues route both take it, on the same webhook channel;
    // the same drain sent both.
    expect((await deliveries()).map((delivery) => delivery.status)).toEqual(["sent", "sent"]);
    expect(receiver.requests.map((request) => (request.json as { type: string }).type)).toEqual(["issue.created", "issue.created"]);
  });

  it("re-announces a group still open once its route's re-alert interval passes, and stops after the resolve", async () => {
    const { hook } = await channels();
    await createRoute({ name: "Nag", match: { types: ["job.failed"] }, channelIds: [hook.id], throttleSeconds: 0, reAlertSeconds: 1800 }, SYSTEM_ACTOR);
    await raise(jobFailed({ tier: "nonprod", data: { priorityClass: "B" } }), at(0));
    await tick(at(0));
    const nagged = () => receiver.requests.length;
    const before = nagged();
    expect((await tick(at(29))).reAlerted).toBe(0);
    expect(await tick(at(30))).toMatchObject({ reAlerted: 1, handled: 1 });
    expect(nagged()).toBe(before + 1);
    // The next interval counts from the re-alert.
    expect((await tick(at(45))).reAlerted).toBe(0);
    await raise(jobFailed({ tier: "nonprod", resolves: true, data: { priorityClass: "B" } }), at(50));
    await tick(at(50));
    expect((await tick(at(200))).reAlerted).toBe(0);
  });

  it("emails non-production alerts over SMTP with the stored password; retries a 451, gives up on a 550", async () => {
    const smtp = await startFakeSmtp({ user: "alerts", pass: "smtp-password-123" });
    try {
      const mail = await createChannel(
        { name: "Dev team", kind: "email", settings: { host: "127.0.0.1", port: smtp.port, secure: false, user: "alerts", from: "ops@example.com", to: ["dev@example.com", "qa@example.com"] }, secret: "smtp-password-123", defaultRoutes: false },
        SYSTEM_ACTOR,
        config,
      );
      await createRoute({ name: "Non-production → email", match: { tiers: ["nonprod"] }, channelIds: [mail.id], throttleSeconds: 0 }, SYSTEM_ACTOR);
      await raise(jobFailed({ tier: "nonprod", severity: "warning", data: { jobId: "job-9", script: "fix-build-errors", priorityClass: "B" } }), at(0));
      expect(await dispatch(at(0))).toMatchObject({ handled: 1 });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({ from: "ops@example.com", to: ["dev@example.com", "qa@example.com"], user: "alerts" });
      expect(smtp.mails[0]!.raw).toContain("Subject: [WARNING][NONPROD] restart-db-pool failed on prod");
      expect(smtp.mails[0]!.raw).toContain("https://ops.example.com/jobs/job-9");

      smtp.refuseNext(1, 451);
      await raise(jobFailed({ groupKey: "g-451", tier: "nonprod", data: { priorityClass: "B" } }), at(10));
      expect(await dispatch(at(10))).toMatchObject({ retried: 1 });
      expect(await dispatch(new Date(at(10).getTime() + 30_000))).toMatchObject({ handled: 1 });
      expect((await deliveries()).find((d) => d.event.groupKey === "g-451")).toMatchObject({ status: "sent", attempts: 2 });

      smtp.refuseNext(1, 550);
      await raise(jobFailed({ groupKey: "g-550", tier: "nonprod", data: { priorityClass: "B" } }), at(20));
      expect(await dispatch(at(20))).toMatchObject({ handled: 1, retried: 0 });
      const failed = (await deliveries()).find((d) => d.event.groupKey === "g-550")!;
      expect(failed.lastError).toMatch(/^SMTP 550/);
      expect(failed.lastError).not.toContain("smtp-password-123");
    } finally {
      await smtp.close();
    }
  });

  it("comments a failed build fix on its pull request through GitHub's REST API", async () => {
    const github = await startFakeHttp(() => ({ status: 201, body: { id: 1 } }));
    try {
      const channel = await createChannel({ name: "shop repo", kind: "github", settings: { repository: "acme/shop", apiUrl: github.url }, secret: "ghp_fake_token_123", defaultRoutes: false }, SYSTEM_ACTOR, config);
      await createRoute({ name: "Build failures → GitHub", match: { types: ["job.failed"], scripts: ["fix-build-errors"] }, channelIds: [channel.id] }, SYSTEM_ACTOR);
      await raise(jobFailed({ tier: "nonprod", title: "fix-build-errors failed on nonprod/ci", data: { jobId: "job-5", script: "fix-build-errors", pullRequest: 42, error: "tsc: 3 errors" } }), at(0));
      await raise(jobFailed({ groupKey: "no-target", tier: "nonprod", data: { script: "fix-build-errors" } }), at(0));
      expect(await dispatch(at(0))).toMatchObject({ handled: 2, retried: 0 });
      expect((await deliveries()).map((d) => d.status).sort()).toEqual(["failed", "sent"]);
      const [comment] = github.requests;
      expect(comment).toMatchObject({ method: "POST", path: "/repos/acme/shop/issues/42/comments" });
      expect(comment!.headers.authorization).toBe("Bearer ghp_fake_token_123");
      expect((comment!.json as { body: string }).body).toContain("### ❌ fix-build-errors failed on nonprod/ci");
      expect((await deliveries()).find((d) => d.event.groupKey === "no-target")!.lastError).toMatch(/no pull request/);
    } finally {
      await github.close();
    }
  });

  it("retries a receiver that does not answer in time, and never logs a secret", async () => {
    const { slackChannel } = await channels();
    slack.queue({ status: 200, body: "ok", delayMs: 1500 });
    const logged: string[] = [];
    const original = { error: console.error, warn: console.warn, log: console.log };
    for (const level of ["error", "warn", "log"] as const) console[level] = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
    try {
      await raise(jobFailed({ data: { priorityClass: "B" } }), at(0));
      expect(await dispatch(at(0), { timeoutMs: 200 })).toMatchObject({ retried: 1 });
    } finally {
      Object.assign(console, original);
    }
    const slow = (await deliveries()).find((d) => d.channelId === slackChannel.id)!;
    expect(slow).toMatchObject({ status: "pending", lastError: "no answer within 0.2 s" });
    for (const secret of ["slacksecrettoken", ROUTING_KEY, SIGNING_SECRET]) expect(logged.join("\n")).not.toContain(secret);
  });
});
