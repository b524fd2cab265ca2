import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as approveRoute from "@/app/api/jobs/[id]/approve/route";
import * as cancelRoute from "@/app/api/jobs/[id]/cancel/route";
import * as logsRoute from "@/app/api/jobs/[id]/logs/route";
import * as rejectRoute from "@/app/api/jobs/[id]/reject/route";
import * as retryRoute from "@/app/api/jobs/[id]/retry/route";
import * as jobRoute from "@/app/api/jobs/[id]/route";
import * as jobsRoute from "@/app/api/jobs/route";
import * as scriptsRoute from "@/app/api/scripts/route";
import * as tickRoute from "@/app/api/cron/tick/route";
import * as workersRoute from "@/app/api/workers/route";
import { createApiToken, SYSTEM_ACTOR } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { settleBackgroundTasks } from "@/lib/jobs";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callRoute } from "../support/routes";

let database: TestDatabase;
let viewer: string;
let operator: string;
let admin: string;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  const token = async (role: "viewer" | "operator" | "admin") => (await createApiToken({ name: role, role, expiresInDays: null }, SYSTEM_ACTOR)).secret;
  [viewer, operator, admin] = [await token("viewer"), await token("operator"), await token("admin")];
});
afterEach(async () => {
  delete process.env.CRON_SECRET;
  resetConfigForTests();
  await settleBackgroundTasks();
});

function submit(body: unknown, token = operator) {
  return callRoute(jobsRoute.POST, { method: "POST", path: "/api/jobs", body, token });
}

type JobActionRoute = { POST: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response> };

function act(route: JobActionRoute, id: string, token = operator, body: unknown = {}) {
  return callRoute(route.POST, { method: "POST", path: `/api/jobs/${id}/action`, params: { id }, token, body });
}

describe("POST /api/jobs", () => {
  it("queues a job for an operator (201) and records who asked", async () => {
    const { status, body } = await submit({ script: "sleep", tier: "nonprod", namespace: "checkout", priorityClass: "A", args: { seconds: 1 } });
    expect(status).toBe(201);
    expect(body.job).toMatchObject({ script: "sleep", status: "queued", source: "api", submittedBy: { type: "api_token", label: "token:operator" }, args: { seconds: 1, fail: false } });
    expect(body.job).not.toHaveProperty("callbackTokenHash");
    expect(await database.db.auditLogEntry.count({ where: { action: "job.submitted" } })).toBe(1);
  });

  it("refuses viewers and anonymous callers", async () => {
    expect((await submit({ script: "noop", tier: "nonprod" }, viewer)).status).toBe(403);
    expect((await callRoute(jobsRoute.POST, { method: "POST", path: "/api/jobs", body: { script: "noop", tier: "nonprod" } })).status).toBe(401);
  });

  it("answers bad input with 4xx naming the field, and stores nothing", async () => {
    expect((await callRoute(jobsRoute.POST, { method: "POST", path: "/api/jobs", rawBody: "{nope", headers: { "content-type": "application/json" }, token: operator })).status).toBe(400);
    const cases: [unknown, string][] = [
      [{ tier: "nonprod" }, "script"],
      [{ script: "noop", tier: "staging" }, "tier"],
      [{ script: "noop", tier: "nonprod", namespace: "bad namespace!" }, "namespace"],
      [{ script: "noop", tier: "nonprod", priorityClass: "Z" }, "priorityClass"],
      [{ script: "sleep", tier: "nonprod", args: { seconds: -1 } }, "args.seconds"],
      [{ script: "sleep", tier: "nonprod", args: "x" }, "args"],
      [{ script: "nope", tier: "nonprod" }, "script"],
      [{ script: "noop", tier: "nonprod", issueId: "999" }, "issueId"],
      [{ script: "noop", tier: "nonprod", timeoutSeconds: 0 }, "timeoutSeconds"],
    ];
    for (const [body, field] of cases) {
      const response = await submit(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await database.db.remediationJob.count()).toBe(0);
  });

  it("refuses a script this installation has not configured (422 naming script, saying what to set), and stores nothing", async () => {
    const response = await submit({ script: "restart-service", tier: "nonprod", args: { service: "checkout" } });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ field: "script", message: expect.stringMatching(/restart-service is not configured.*REMEDIATION_HTTP_ENDPOINTS/) });
    expect(await database.db.remediationJob.count()).toBe(0);
  });

  it("returns the active job (200) for a dedupe key already in use", async () => {
    const first = await submit({ script: "noop", tier: "nonprod", dedupeKey: "issue-7" });
    const second = await submit({ script: "noop", tier: "nonprod", dedupeKey: "issue-7" });
    expect(second).toMatchObject({ status: 200, body: { deduplicated: true, job: { id: first.body.job.id } } });
  });
});

describe("reading jobs", () => {
  it("lists newest first with filters, counts and cursor pages", async () => {
    for (let i = 0; i < 3; i++) await submit({ script: "noop", tier: "prod", namespace: "a" });
    await submit({ script: "sleep", tier: "nonprod", namespace: "b", requiresApproval: true });
    const all = await callRoute(jobsRoute.GET, { path: "/api/jobs?limit=2", token: viewer });
    expect(all.status).toBe(200);
    expect(all.body.jobs).toHaveLength(2);
    expect(all.body.jobs[0].script).toBe("sleep");
    expect(all.body.counts).toMatchObject({ queued: 3, awaiting_approval: 1 });
    const next = await callRoute(jobsRoute.GET, { path: `/api/jobs?limit=2&cursor=${all.body.nextCursor}`, token: viewer });
    expect(next.body.jobs).toHaveLength(2);
    expect(next.body.counts).toBeNull();
    const prod = await callRoute(jobsRoute.GET, { path: "/api/jobs?tier=prod&status=queued,running", token: viewer });
    expect(prod.body.jobs).toHaveLength(3);
    const bad = await callRoute(jobsRoute.GET, { path: "/api/jobs?status=done", token: viewer });
    expect(bad).toMatchObject({ status: 422, body: { error: { field: "status" } } });
  });

  it("shows one job with attempts and logs; 404 for an unknown id", async () => {
    const { body } = await submit({ script: "noop", tier: "nonprod" });
    const detail = await callRoute(jobRoute.GET, { path: `/api/jobs/${body.job.id}`, params: { id: body.job.id }, token: viewer });
    expect(detail.body).toMatchObject({ job: { id: body.job.id }, attempts: [], logs: [], logsTruncated: false, rule: null, parent: null, followUps: [] });
    const logs = await callRoute(logsRoute.GET, { path: `/api/jobs/${body.job.id}/logs?after=0`, params: { id: body.job.id }, token: viewer });
    expect(logs.body).toEqual({ logs: [], status: "queued" });
    expect((await callRoute(jobRoute.GET, { path: "/api/jobs/nope", params: { id: "nope" }, token: viewer })).status).toBe(404);
  });

  it("describes the scripts with their args schema, and the workers", async () => {
    const scripts = await callRoute(scriptsRoute.GET, { path: "/api/scripts", token: viewer });
    const sleep = scripts.body.scripts.find((script: { name: string }) => script.name === "sleep");
    expect(sleep).toMatchObject({ demo: true, allowedTiers: ["prod", "nonprod"], argsSchema: { type: "object", properties: { seconds: { type: "number" } } } });
    expect(scripts.body.scripts.find((script: { name: string }) => script.name === "restart-service").configured.ok).toBe(false);
    expect((await callRoute(workersRoute.GET, { path: "/api/workers", token: viewer })).body).toEqual({ workers: [] });
  });
});

describe("operator actions over HTTP", () => {
  it("approves, rejects, cancels and re-runs, answering 409 to a move the job's state forbids", async () => {
    const held = (await submit({ script: "noop", tier: "prod", requiresApproval: true })).body.job;
    expect((await act(approveRoute, held.id, viewer)).status).toBe(403);
    expect((await act(approveRoute, held.id)).body.job.status).toBe("queued");
    expect((await act(approveRoute, held.id)).status).toBe(409);

    const rejected = (await submit({ script: "noop", tier: "prod", requiresApproval: true })).body.job;
    expect((await act(rejectRoute, rejected.id, operator, { reason: "change freeze" })).body.job).toMatchObject({ status: "cancelled", error: "Rejected by token:operator: change freeze" });

    const cancelled = await act(cancelRoute, held.id);
    expect(cancelled.body).toMatchObject({ job: { status: "cancelled" }, stopRequested: false });
    expect((await act(cancelRoute, held.id)).status).toBe(409);

    expect((await act(retryRoute, (await submit({ script: "noop", tier: "nonprod" })).body.job.id)).status).toBe(409);
    const rerun = await act(retryRoute, held.id);
    expect(rerun.status).toBe(201);
    expect(rerun.body.job).toMatchObject({ source: "retry", parentJobId: held.id, status: "awaiting_approval" });
    expect((await act(cancelRoute, "nope")).status).toBe(404);
  });
});

describe("the cron tick", () => {
  it("is disabled until CRON_SECRET is set, then needs it as the bearer token", async () => {
    const tick = (authorization?: string) => callRoute(tickRoute.GET, { path: "/api/cron/tick", headers: authorization ? { authorization } : {} });
    const disabled = await tick("Bearer anything");
    expect(disabled.status).toBe(503);
    expect(disabled.body.error.message).toContain("CRON_SECRET");
    process.env.CRON_SECRET = "cron-secret-for-tests";
    resetConfigForTests();
    expect((await tick()).status).toBe(401);
    expect((await tick("Bearer wrong-secret-for-tests")).status).toBe(401);

    await submit({ script: "noop", tier: "nonprod" });
    const ran = await tick("Bearer cron-secret-for-tests");
    expect(ran.status).toBe(200);
    expect(ran.body.jobs).toMatchObject({ claimed: 1, finished: { succeeded: 1 } });
    expect(ran.body.tasks["sentry-poll"]).toEqual({ ok: true, result: { skipped: "SENTRY_PROJECTS is not set." } });
    expect(await database.db.worker.findUnique({ where: { id: "cron" } })).toMatchObject({ kind: "cron", jobsProcessed: 1 });
  });

  it("can be run by an admin from the UI, not by an operator", async () => {
    expect((await callRoute(tickRoute.POST, { method: "POST", path: "/api/cron/tick", token: operator, body: {} })).status).toBe(403);
    const ran = await callRoute(tickRoute.POST, { method: "POST", path: "/api/cron/tick", token: admin, body: {} });
    expect(ran.status).toBe(200);
    expect(await database.db.auditLogEntry.count({ where: { action: "cron.tick_triggered" } })).toBe(1);
  });
});
