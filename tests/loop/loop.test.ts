import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/sentry/route";
import { resetConfigForTests } from "@/lib/config";
import { ValidationFailed } from "@/lib/errors";
import { settleBackgroundTasks, submitJob } from "@/lib/jobs";
import { advanceLoops, checkForRegression, getIssueLoop } from "@/lib/loop";
import { JobWorker } from "@/lib/worker";
import { withTestDatabase } from "../support/database";
import { startFakeSentryApi, type FakeSentryApi } from "../support/fake-sentry-api";
import { OPERATOR, queueSettings, testConfig } from "../support/jobs";
import { drainOutboxNow } from "../support/outbox";
import { callRoute } from "../support/routes";
import { fixture, sentryHeaders } from "../support/sentry-webhooks";

const WEBHOOK_SECRET = "loop-webhook-secret";
const database = withTestDatabase({ truncateEach: true });
let sentry: FakeSentryApi;

function useSentryApi(enabled: boolean) {
  for (const name of ["SENTRY_API_BASE_URL", "SENTRY_API_TOKEN", "SENTRY_ORG"]) delete process.env[name];
  if (enabled) Object.assign(process.env, { SENTRY_API_BASE_URL: sentry.url, SENTRY_API_TOKEN: sentry.token, SENTRY_ORG: sentry.organization });
  resetConfigForTests();
}

beforeAll(async () => {
  sentry = await startFakeSentryApi();
  Object.assign(process.env, { SENTRY_CLIENT_SECRET: WEBHOOK_SECRET, REMEDIATION_VERIFY_MINUTES: "30" });
});
afterAll(async () => {
  for (const name of ["SENTRY_API_BASE_URL", "SENTRY_API_TOKEN", "SENTRY_ORG", "SENTRY_CLIENT_SECRET", "REMEDIATION_VERIFY_MINUTES"]) delete process.env[name];
  resetConfigForTests();
  await sentry.close();
});
beforeEach(() => {
  sentry.requests.length = 0;
  sentry.behave();
  useSentryApi(true);
});
afterEach(async () => {
  await settleBackgroundTasks();
});

/** An unresolved issue known to both the fake Sentry and this app. */
async function openIssue(sentryId = "2000") {
  sentry.addIssue({ id: sentryId, status: "unresolved", firstSeen: new Date(Date.now() - 3600_000), lastSeen: new Date(Date.now() - 600_000) });
  return database().db.issue.create({
    data: { sentryId, title: "Database pool exhausted", status: "unresolved", firstSeen: new Date(Date.now() - 3600_000), lastSeen: new Date(Date.now() - 600_000) },
  });
}

/** Submits and runs a job for the issue, as an operator's "Run remediation" would. */
async function remediate(issueId: string, options: { resolveIssueOnSuccess?: boolean; script?: string; args?: Record<string, unknown> } = {}) {
  const { job } = await submitJob({ script: options.script ?? "noop", args: options.args, tier: "nonprod", issueId, resolveIssueOnSuccess: options.resolveIssueOnSuccess ?? true }, OPERATOR);
  const worker = new JobWorker({ kind: "cron", id: "loop-test", tiers: ["prod", "nonprod"], concurrency: 2, pollIntervalMs: 50, settings: queueSettings(), config: testConfig(), log: () => {} });
  await worker.drain(Date.now() + 20_000);
  await settleBackgroundTasks();
  return database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
}

/** The outbox handling of the job's resolve request (loop-resolve consumer). */
async function resolveHandling(jobId: string) {
  return database().db.outboxHandling.findFirstOrThrow({ where: { consumer: "loop-resolve", streamKey: `job:${jobId}` } });
}

async function timelineKinds(issueId: string) {
  const entries = await database().db.issueTimelineEntry.findMany({ where: { issueId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  return entries.map((entry) => entry.kind);
}

/** Sentry's webhook through the route, then the outbox drained as a worker would. */
async function deliverIssueWebhook(sentryId: string, action: "resolved" | "unresolved", observedAt: Date) {
  const body = structuredClone(fixture("issue-created.json").body) as { action: string; data: { issue: Record<string, unknown> } };
  body.action = action;
  Object.assign(body.data.issue, { id: sentryId, status: action, lastSeen: new Date(Date.now() - 600_000).toISOString() });
  const rawBody = JSON.stringify(body);
  const answer = await callRoute(webhookRoute.POST, { method: "POST", path: "/api/webhooks/sentry", rawBody, headers: sentryHeaders(rawBody, "issue", WEBHOOK_SECRET, { timestamp: Math.floor(observedAt.getTime() / 1000) }) });
  await drainOutboxNow();
  return answer;
}

describe("resolve in Sentry on success", () => {
  it("resolves the issue through Sentry's API, then a quiet window verifies the remediation", async () => {
    const issue = await openIssue();
    const job = await remediate(issue.id);

    expect(job.status).toBe("succeeded");
    const put = sentry.requests.find((request) => request.method === "PUT");
    expect(put).toMatchObject({ path: `/api/0/organizations/${sentry.organization}/issues/2000/`, body: { status: "resolved" }, authorized: true });
    expect(sentry.issue("2000")!.status).toBe("resolved");
    expect(job.verification).toBe("verifying");
    expect(job.loopDueAt!.getTime() - job.issueResolvedAt!.getTime()).toBe(30 * 60_000);
    const resolvedIssue = await database().db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(resolvedIssue.status).toBe("resolved");
    // The first success is kept on the issue (a trigger), for the overview's auto/manual split.
    expect(resolvedIssue.remediatedAt).toEqual(job.finishedAt);

    // Sentry's own "resolved" webhook echoing the change is not a regression.
    expect((await deliverIssueWebhook("2000", "resolved", new Date(Date.now() + 1000))).status).toBe(200);
    expect(await advanceLoops({ now: () => new Date(job.loopDueAt!.getTime() - 1000) })).toMatchObject({ verified: 0 });
    expect(await advanceLoops({ now: () => new Date(job.loopDueAt!.getTime() + 1000) })).toMatchObject({ verified: 1 });

    const verified = await database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(verified.verification).toBe("verified");
    expect(await timelineKinds(issue.id)).toEqual(expect.arrayContaining(["job_submitted", "job_finished", "loop_resolved", "loop_verified"]));
    const loop = await getIssueLoop(issue.id);
    expect(loop!.stages.map((stage) => stage.state)).toEqual(["done", "done", "done", "done", "done"]);
    expect(loop!.job).toMatchObject({ id: job.id, verification: "verified" });
  });

  it("a regression during the window marks the remediation ineffective, reopens the issue and raises an alert event", async () => {
    const issue = await openIssue();
    const job = await remediate(issue.id);
    expect(job.verification).toBe("verifying");

    const answer = await deliverIssueWebhook("2000", "unresolved", new Date(Date.now() + 5000));
    expect(answer.status).toBe(200);

    const ineffective = await database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(ineffective.verification).toBe("ineffective");
    expect(ineffective.verificationNote).toMatch(/unresolved again/);
    expect((await database().db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("unresolved");
    const events = await database().db.alertEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "remediation.ineffective", groupKey: `remediation-ineffective:${issue.id}`, tier: "nonprod", severity: "warning" });
    expect(events[0]!.data).toMatchObject({ jobId: job.id, script: "noop" });
    expect(await timelineKinds(issue.id)).toContain("loop_ineffective");

    // The verdict stands: the window ending later does not verify it.
    expect(await advanceLoops({ now: () => new Date(Date.now() + 3600_000) })).toMatchObject({ verified: 0 });
    expect((await getIssueLoop(issue.id))!.stages.at(-1)).toMatchObject({ key: "verified", state: "failed", label: "Ineffective" });
  });

  it("a new event after the resolve counts as a regression; a late delivery of an older event does not", async () => {
    const issue = await openIssue();
    const job = await remediate(issue.id);
    const resolvedAt = job.issueResolvedAt!;
    const stored = await database().db.issue.findUniqueOrThrow({ where: { id: issue.id } });

    expect(await checkForRegression({ ...stored, lastSeen: new Date(resolvedAt.getTime() - 60_000) }, { kind: "event_received", eventId: "old", source: "webhook" })).toBe(0);
    expect((await database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).verification).toBe("verifying");
    expect(await checkForRegression({ ...stored, lastSeen: new Date(resolvedAt.getTime() + 60_000) }, { kind: "event_received", eventId: "new", source: "webhook" })).toBe(1);
    expect((await database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } })).verification).toBe("ineffective");
  });

  it("retries a Sentry outage through the outbox with jittered backoff and gives up after five attempts, leaving the issue open", async () => {
    const issue = await openIssue();
    sentry.misbehave({ status: 503, times: 1000, match: (request) => request.method === "PUT" });
    const job = await remediate(issue.id);
    expect(job).toMatchObject({ verification: "resolving", resolveAttempts: 1 });
    expect(job.verificationNote).toMatch(/Attempt 1 of 5/);

    // Not due yet: nothing is attempted.
    let dueAt = (await resolveHandling(job.id)).availableAt;
    expect(await drainOutboxNow({ now: () => new Date(dueAt.getTime() - 1000) })).toEqual({ handled: 0, retried: 0, dead: 0 });
    for (let attempt = 2; attempt <= 4; attempt++) {
      // The highest draw of the full jitter: the whole exponential window, 30 s doubling.
      expect(await drainOutboxNow({ now: () => dueAt, random: () => 0.999999 })).toMatchObject({ retried: 1 });
      const retried = await database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(retried.resolveAttempts).toBe(attempt);
      expect(retried.verificationNote).toMatch(new RegExp(`Attempt ${attempt} of 5`));
      const handling = await resolveHandling(job.id);
      expect(handling.availableAt.getTime() - dueAt.getTime()).toBe(30_000 * 2 ** (attempt - 1));
      dueAt = handling.availableAt;
    }
    // The last allowed attempt ends the loop itself: the handling is done, not dead.
    expect(await drainOutboxNow({ now: () => dueAt })).toEqual({ handled: 1, retried: 0, dead: 0 });
    const failed = await database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed.verification).toBe("resolve_failed");
    expect(failed.resolveAttempts).toBe(5);
    expect(failed.verificationNote).toMatch(/after 5 attempts/);
    expect((await resolveHandling(job.id)).status).toBe("done");
    expect((await database().db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("unresolved");
    expect(await timelineKinds(issue.id)).toContain("loop_resolve_failed");
  });

  it("a resolve that failed during a Sentry outage succeeds on the outbox's retry and starts verifying", async () => {
    const issue = await openIssue();
    sentry.misbehave({ status: 502, times: 1000, match: (request) => request.method === "PUT" });
    const job = await remediate(issue.id);
    expect(job).toMatchObject({ verification: "resolving", resolveAttempts: 1 });
    sentry.behave();
    const { availableAt } = await resolveHandling(job.id);
    expect(await drainOutboxNow({ now: () => availableAt })).toMatchObject({ handled: 1 });
    const resolved = await database().db.remediationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(resolved).toMatchObject({ verification: "verifying", resolveAttempts: 2 });
    expect(sentry.issue("2000")!.status).toBe("resolved");
  });

  it("gives up at once when Sentry refuses the token", async () => {
    const issue = await openIssue();
    sentry.misbehave({ status: 401, match: (request) => request.method === "PUT" });
    const job = await remediate(issue.id);
    expect(job).toMatchObject({ verification: "resolve_failed", resolveAttempts: 1 });
    expect(job.verificationNote).toMatch(/after 1 attempt:/);
    // Given up by the consumer, not left to the outbox's retries.
    expect(await resolveHandling(job.id)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("without Sentry's API configured the issue is resolved here only, and still verified", async () => {
    useSentryApi(false);
    const issue = await openIssue();
    const job = await remediate(issue.id);
    expect(sentry.requests).toHaveLength(0);
    expect(job.verification).toBe("verifying");
    expect(job.verificationNote).toMatch(/resolved in this app only/);
    expect((await database().db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("resolved");
  });

  it("starts no loop for a job that does not ask for it, or that fails", async () => {
    const issue = await openIssue();
    expect((await remediate(issue.id, { resolveIssueOnSuccess: false })).verification).toBeNull();
    const failing = await remediate(issue.id, { script: "sleep", args: { seconds: 0, fail: true } });
    expect(failing.status).toBe("failed");
    expect(failing.verification).toBeNull();
    expect(sentry.requests.filter((request) => request.method === "PUT")).toHaveLength(0);
  });

  it("refuses resolveIssueOnSuccess on a job with no issue, naming the field", async () => {
    const refused = await submitJob({ script: "noop", tier: "nonprod", resolveIssueOnSuccess: true }, OPERATOR).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationFailed);
    expect((refused as ValidationFailed).details.field).toBe("resolveIssueOnSuccess");
  });
});
