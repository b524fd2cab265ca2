import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobCallbackRoute from "@/app/api/jobs/[id]/callback/route";
import { resetConfigForTests } from "@/lib/config";
import { scriptCatalog, settleBackgroundTasks, submitJob } from "@/lib/jobs";
import { JobWorker } from "@/lib/worker";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startFakeHttp, type FakeHttpServer } from "../support/fake-http";
import { startFakeSentryApi, type FakeSentryApi } from "../support/fake-sentry-api";
import { queueSettings, SYSTEM, testConfig } from "../support/jobs";
import { callRoute } from "../support/routes";

let database: TestDatabase;
let sentry: FakeSentryApi;
let service: FakeHttpServer;
let github: FakeHttpServer;
let llm: FakeHttpServer;
let llmAnswer: unknown;

const RESTART_TOKEN = "restart-secret-value-1234";
const GITHUB_TOKEN = "ghp_fake_github_token_abcdef";
const LLM_KEY = "sk-fake-llm-key-0000";

beforeAll(async () => {
  database = await createTestDatabase();
  sentry = await startFakeSentryApi();
  service = await startFakeHttp((request) => (request.path.includes("broken") ? { status: 503, body: "down" } : { status: 202, body: { restarted: true } }));
  github = await startFakeHttp(() => ({ status: 204 }));
  llm = await startFakeHttp(() => ({ status: 200, body: { choices: [{ message: { content: typeof llmAnswer === "string" ? llmAnswer : JSON.stringify(llmAnswer) } }] } }));
  // Comments go through the process-wide configuration (they run after commits, off the job).
  Object.assign(process.env, { SENTRY_API_BASE_URL: sentry.url, SENTRY_API_TOKEN: sentry.token, SENTRY_ORG: sentry.organization, APP_URL: "https://ops.example.com", REMEDIATION_SECRET_RESTART_TOKEN: RESTART_TOKEN });
  resetConfigForTests();
});
afterAll(async () => {
  for (const name of ["SENTRY_API_BASE_URL", "SENTRY_API_TOKEN", "SENTRY_ORG", "APP_URL", "REMEDIATION_SECRET_RESTART_TOKEN"]) delete process.env[name];
  resetConfigForTests();
  await Promise.all([sentry.close(), service.close(), github.close(), llm.close()]);
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  sentry.comments.length = 0;
  service.requests.length = 0;
  github.requests.length = 0;
  llm.requests.length = 0;
});
afterEach(async () => {
  await settleBackgroundTasks();
});

function config() {
  return testConfig({
    SENTRY_API_BASE_URL: sentry.url,
    SENTRY_API_TOKEN: sentry.token,
    SENTRY_ORG: sentry.organization,
    APP_URL: "https://ops.example.com",
    REMEDIATION_HTTP_ENDPOINTS: JSON.stringify({
      "restart-service": {
        url: `${service.url}/services/{{params.service}}/restart`,
        headers: { Authorization: "Bearer {{secret.RESTART_TOKEN}}", "Content-Type": "application/json" },
        body: '{"service":"{{params.service}}","job":"{{job.id}}","issue":"{{issue.sentryId}}"}',
      },
      "restart-db-pool": { url: `${service.url}/broken/pool/{{params.pool}}`, method: "POST" },
      "needs-missing-secret": { url: `${service.url}/x`, headers: { Authorization: "Bearer {{secret.NOT_SET}}" } },
    }),
    GITHUB_TOKEN,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_API_URL: github.url,
    VERCEL_DEPLOY_HOOK_URL: `${service.url}/deploy-hook/prj_secret_hook`,
    LLM_BASE_URL: llm.url,
    LLM_MODEL: "gpt-test",
    LLM_API_KEY: LLM_KEY,
  });
}

/** Runs every queued job once, as a cron tick would. */
async function runQueued() {
  const worker = new JobWorker({ kind: "cron", id: "test-tick", tiers: ["prod", "nonprod"], concurrency: 4, pollIntervalMs: 50, settings: queueSettings(), config: config(), log: () => {} });
  await worker.drain(Date.now() + 20_000);
  await settleBackgroundTasks();
}

async function issue(sentryId = "1000") {
  sentry.addIssue({ id: sentryId, title: "TypeError: Cannot read properties of undefined (reading 'total')", culprit: "checkout/cart.ts in computeTotal", count: 240, userCount: 31, firstSeen: new Date(Date.now() - 4 * 3600_000), lastSeen: new Date() });
  return database.db.issue.create({ data: { sentryId, title: "TypeError: Cannot read properties of undefined (reading 'total')", culprit: "checkout/cart.ts in computeTotal", environment: "production" } });
}

async function stored(id: string) {
  const job = await database.db.remediationJob.findUniqueOrThrow({ where: { id }, include: { logLines: { orderBy: { id: "asc" } } } });
  if (process.env.DEBUG_JOBS) console.log(job.status, job.error, job.logLines.map((line) => line.message));
  return job;
}

describe("http-request presets", () => {
  it("restart-service calls its endpoint with the rendered template, the secret and an idempotency key", async () => {
    const target = await issue();
    const { job } = await submitJob({ script: "restart-service", tier: "prod", args: { service: "checkout api" }, issueId: target.id }, SYSTEM);
    await runQueued();
    const done = await stored(job.id);
    expect(done.status).toBe("succeeded");
    const [call] = service.requests;
    expect(call).toMatchObject({ method: "POST", path: "/services/checkout%20api/restart" });
    expect(call!.headers.authorization).toBe(`Bearer ${RESTART_TOKEN}`);
    expect(call!.headers["idempotency-key"]).toBe(job.id);
    expect(call!.json).toEqual({ service: "checkout api", job: job.id, issue: "1000" });
    expect(done.output).toMatchObject({ endpoint: "restart-service", status: 202, response: { restarted: true } });
    // The secret is in the request, never in what the job stores.
    expect(JSON.stringify(done, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(RESTART_TOKEN);
  });

  it("retries a 5xx and fails with the status once attempts are spent", async () => {
    const { job } = await submitJob({ script: "restart-db-pool", tier: "nonprod", args: {} }, SYSTEM);
    await runQueued();
    let current = await stored(job.id);
    expect(current.status).toBe("queued");
    expect(current.error).toMatch(/answered 503/);
    await database.db.remediationJob.update({ where: { id: job.id }, data: { runAfter: new Date() } });
    await runQueued();
    current = await stored(job.id);
    expect(current).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("fails at once, saying what to set, when the endpoint or a secret is not configured", async () => {
    const { job } = await submitJob({ script: "http-request", tier: "nonprod", args: { endpoint: "nowhere" }, maxAttempts: 3 }, SYSTEM);
    const secret = await submitJob({ script: "http-request", tier: "nonprod", args: { endpoint: "needs-missing-secret" }, maxAttempts: 3 }, SYSTEM);
    await runQueued();
    expect(await stored(job.id)).toMatchObject({ status: "failed", attempts: 1, error: expect.stringContaining('No HTTP endpoint named "nowhere"') });
    expect(await stored(secret.job.id)).toMatchObject({ status: "failed", error: expect.stringContaining("set REMEDIATION_SECRET_NOT_SET") });
  });
});

describe("github-workflow-dispatch and its callback", () => {
  it("counts as not configured without APP_URL, which the workflow calls back to", () => {
    const withoutAppUrl = scriptCatalog(testConfig({ GITHUB_TOKEN, GITHUB_REPOSITORY: "acme/shop" })).find((script) => script.name === "github-workflow-dispatch")!;
    expect(withoutAppUrl.configured).toEqual({ ok: false, reason: "Set APP_URL to dispatch GitHub workflows." });
    expect(scriptCatalog(config()).find((script) => script.name === "github-workflow-dispatch")!.configured.ok).toBe(true);
  });

  it("dispatches with a callback, waits, and finishes on the one-time callback", async () => {
    const target = await issue();
    const { job } = await submitJob({ script: "fix-build-errors", tier: "nonprod", args: { ref: "release" }, issueId: target.id }, SYSTEM);
    await runQueued();
    const waiting = await stored(job.id);
    expect(waiting).toMatchObject({ status: "running", awaitingCallback: true, leaseOwner: "callback" });
    const [dispatch] = github.requests;
    expect(dispatch).toMatchObject({ method: "POST", path: "/repos/acme/shop/actions/workflows/fix-build-errors.yml/dispatches" });
    expect(dispatch!.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`);
    const inputs = (dispatch!.json as { ref: string; inputs: Record<string, string> }).inputs;
    expect((dispatch!.json as { ref: string }).ref).toBe("release");
    expect(inputs).toMatchObject({ job_id: job.id, callback_url: `https://ops.example.com/api/jobs/${job.id}/callback`, sentry_issue_id: "1000" });
    expect(inputs.callback_token).toMatch(/^cb_/);
    expect(JSON.stringify(waiting, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(inputs.callback_token);

    const call = (token: string, body: unknown) => callRoute(jobCallbackRoute.POST, { method: "POST", path: `/api/jobs/${job.id}/callback`, params: { id: job.id }, token, body });
    expect((await call("cb_wrong", { status: "succeeded" })).status).toBe(401);
    expect((await call(inputs.callback_token!, { status: "running", logs: [{ message: "tests pass" }] })).status).toBe(200);
    expect((await call(inputs.callback_token!, { status: "done" })).body.error.field).toBe("status");
    const finished = await call(inputs.callback_token!, { status: "succeeded", output: { pr: "https://github.com/acme/shop/pull/7" } });
    expect(finished).toMatchObject({ status: 200, body: { job: { status: "succeeded" } } });
    expect((await call(inputs.callback_token!, { status: "failed" })).status).toBe(401);

    await settleBackgroundTasks();
    const done = await stored(job.id);
    expect(done.output).toEqual({ pr: "https://github.com/acme/shop/pull/7" });
    expect(done.logLines.map((line) => line.message)).toContain("tests pass");
    expect(sentry.comments.map((comment) => comment.text.split("\n")[0])).toEqual(["Automated remediation job submitted: fix-build-errors (nonprod/default, class B)", "Automated remediation job succeeded: fix-build-errors"]);
  });

  it("times out a workflow that never calls back", async () => {
    const { job } = await submitJob({ script: "github-workflow-dispatch", tier: "nonprod", args: { workflow: "deploy.yml" }, timeoutSeconds: 1 }, SYSTEM);
    await runQueued();
    expect((await stored(job.id)).awaitingCallback).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runQueued();
    expect(await stored(job.id)).toMatchObject({ status: "timed_out", error: "No callback arrived before the job's timeout.", callbackTokenHash: null });
  });
});

describe("vercel-redeploy", () => {
  it("calls the deploy hook and keeps the hook URL out of logs and errors", async () => {
    service.queue({ status: 201, body: { job: { id: "dpl_job_1", state: "PENDING" } } }, { status: 500, body: "boom" });
    const first = await submitJob({ script: "vercel-redeploy", tier: "prod", args: {} }, SYSTEM);
    await runQueued();
    expect(await stored(first.job.id)).toMatchObject({ status: "succeeded", output: { deploymentJobId: "dpl_job_1", state: "PENDING" } });
    const second = await submitJob({ script: "vercel-redeploy", tier: "prod", args: {}, maxAttempts: 1 }, SYSTEM);
    await runQueued();
    const failed = await stored(second.job.id);
    expect(failed.status).toBe("failed");
    expect(JSON.stringify(failed, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain("prj_secret_hook");
  });
});

describe("analyze-production-error", () => {
  it("posts an analysis and, when the model is confident it can, submits apply-ai-fix on nonprod, class C", async () => {
    const target = await issue("2000");
    sentry.setLatestEvent("2000", {
      eventID: "ev1",
      tags: [{ key: "environment", value: "production" }, { key: "release", value: "shop@1.4.2" }],
      entries: [{ type: "exception", data: { values: [{ type: "TypeError", value: "Cannot read properties of undefined (reading 'total')", stacktrace: { frames: [{ function: "computeTotal", filename: "checkout/cart.ts", lineno: 42, in_app: true }] } }] } }],
    });
    llmAnswer = { rootCause: "cart.items can be undefined for guest carts", suggestedFix: "Default items to [] in computeTotal", impact: "Guests cannot pay", urgency: "high", confidence: 91, canAutoFix: true };
    const { job } = await submitJob({ script: "analyze-production-error", tier: "prod", priorityClass: "B", args: {}, issueId: target.id }, SYSTEM, { commentOnIssue: false });
    await runQueued();
    const done = await stored(job.id);
    expect(done.status).toBe("succeeded");
    const output = done.output as { analysis: { exception: unknown; topFrames: { function: string }[]; frequency: { events: number }; release: string }; followUpJobId: string; commented: boolean };
    expect(output.analysis.exception).toEqual({ type: "TypeError", value: "Cannot read properties of undefined (reading 'total')" });
    expect(output.analysis.topFrames[0]!.function).toBe("computeTotal");
    expect(output.analysis).toMatchObject({ frequency: { events: 240 }, release: "shop@1.4.2" });
    expect(output.commented).toBe(true);
    expect(llm.requests[0]!.headers.authorization).toBe(`Bearer ${LLM_KEY}`);
    const analysisComment = sentry.comments.find((comment) => comment.text.startsWith("**Automated analysis**"));
    expect(analysisComment?.text).toContain("Root cause** (91% confidence, urgency high)");
    const followUp = await database.db.remediationJob.findUniqueOrThrow({ where: { id: output.followUpJobId } });
    expect(followUp).toMatchObject({ script: "apply-ai-fix", tier: "nonprod", priorityClass: "C", source: "follow_up", parentJobId: job.id, issueId: target.id });
    expect(followUp.args).toMatchObject({ suggestedFix: "Default items to [] in computeTotal" });
  });

  it("stands without the model when its answer is unusable, and never auto-fixes at 80% or less", async () => {
    const target = await issue("3000");
    llmAnswer = "I think it is a null pointer";
    const first = await submitJob({ script: "analyze-production-error", tier: "prod", args: {}, issueId: target.id }, SYSTEM, { commentOnIssue: false });
    await runQueued();
    expect(await stored(first.job.id)).toMatchObject({ status: "succeeded", output: { verdict: null, llmProblem: "The LLM did not answer with JSON.", followUpJobId: null } });

    llmAnswer = { rootCause: "x", suggestedFix: "y", impact: "z", urgency: "low", confidence: 80, canAutoFix: true };
    const second = await submitJob({ script: "analyze-production-error", tier: "prod", args: {}, issueId: target.id }, SYSTEM, { commentOnIssue: false });
    await runQueued();
    expect((await stored(second.job.id)).output).toMatchObject({ followUpJobId: null, verdict: { confidence: 80 } });
    expect(await database.db.remediationJob.count({ where: { script: "apply-ai-fix" } })).toBe(0);
  });
});

describe("Sentry comments", () => {
  it("records a failed comment on the job without failing it", async () => {
    const target = await issue("4000");
    sentry.failNext(2, 403);
    const { job } = await submitJob({ script: "noop", tier: "nonprod", issueId: target.id }, SYSTEM);
    await settleBackgroundTasks();
    await runQueued();
    const done = await stored(job.id);
    expect(done.status).toBe("succeeded");
    expect(done.sentryCommentError).toMatch(/^Could not comment on the Sentry issue \(finished\): Sentry refused .* \(403\)/);
    expect(done.logLines.filter((line) => line.level === "warn" && line.message.startsWith("Could not comment")).map((line) => line.message.slice(0, 45))).toEqual([
      "Could not comment on the Sentry issue (submit",
      "Could not comment on the Sentry issue (finish",
    ]);
  });

  it("sentry-resolve resolves the issue in Sentry", async () => {
    const target = await issue("5000");
    const { job } = await submitJob({ script: "sentry-resolve", tier: "prod", issueId: target.id }, SYSTEM, { commentOnIssue: false });
    await runQueued();
    expect((await stored(job.id)).status).toBe("succeeded");
    expect(sentry.issue("5000")?.status).toBe("resolved");
  });
});
