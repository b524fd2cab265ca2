// The reliability suite: what the product promises, under load, faults and hostile input.
// One production server on a private PostgreSQL for all scenarios, in order; a summary table
// at the end (also written to reliability-summary.md for the README).
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authMatrix } from "./auth-matrix";
import { databaseFingerprint, fuzz, warmUp } from "./fuzz";
import { scanForSecrets } from "./secret-scan";
import { startReliabilityApp, type ReliabilityApp } from "./support/app";
import { createFixtures } from "./support/fixtures";
import { crashServerAndWorkerMidPipeline, restartPostgresMidDrain } from "./outbox-crashes";
import { duplicateStorm, webhookStormWithRestarts } from "./webhook-storms";
import { endpointsConfig, killWorkersMidJob, startJobEndpoint, type JobEndpoint } from "./worker-kills";

const SCALE = {
  stormDeliveries: Number(process.env.RELIABILITY_STORM_DELIVERIES ?? 5000),
  fuzzRuns: Number(process.env.RELIABILITY_FUZZ_RUNS ?? 10_000),
  fuzzSeed: Number(process.env.RELIABILITY_FUZZ_SEED ?? Date.now() % 2 ** 31),
  kills: Number(process.env.RELIABILITY_KILLS ?? 20),
  pipelineDeliveries: Number(process.env.RELIABILITY_PIPELINE_DELIVERIES ?? 400),
};

let app: ReliabilityApp;
let endpoint: JobEndpoint;
let finishedJobId = "";
const summary: { scenario: string; figures: string; verdict: string }[] = [];
const record = (scenario: string, figures: string, passed: boolean) => summary.push({ scenario, figures, verdict: passed ? "pass" : "FAIL" });

beforeAll(async () => {
  endpoint = await startJobEndpoint(1_500);
  app = await startReliabilityApp({ REMEDIATION_HTTP_ENDPOINTS: endpointsConfig(endpoint) });
});

afterAll(async () => {
  // What the server printed, for a failure's stack traces (the scan above proved it secret-free).
  if (app) writeFileSync("reliability-server.log", app.server.output());
  await app?.stop();
  await endpoint?.close();
  const table = ["| scenario | verdict | figures |", "|---|---|---|", ...summary.map((row) => `| ${row.scenario} | ${row.verdict} | ${row.figures} |`)].join("\n");
  writeFileSync("reliability-summary.md", `${table}\n`);
  console.log(`\nReliability summary\n${table}`);
});

describe("reliability", () => {
  it("1. webhook storm with PostgreSQL restarts: every delivery is stored or answered 503; none acknowledged and lost", async () => {
    const result = await webhookStormWithRestarts(app, { deliveries: SCALE.stormDeliveries, concurrency: 100 });
    const passed = result.acknowledgedButLost === 0 && result.storedAsFailed === 0 && Object.keys(result.other).length === 0 && result.issuesStored === result.sent && result.restarts.length === 2;
    record(
      "1. Webhook storm, PostgreSQL restarted twice (clean, crash)",
      `${result.sent} signed deliveries at concurrency 100 in ${result.seconds.toFixed(0)} s: ${result.acknowledged} stored, ${result.unavailable} answered 503, other answers ${JSON.stringify(result.other)}; acknowledged then lost: ${result.acknowledgedButLost}; stored but not applied: ${result.storedAsFailed}. After re-sending each 503 as Sentry does: ${result.issuesStored}/${result.sent} issues stored`,
      passed,
    );
    expect(result.restarts).toHaveLength(2);
    expect(result.other).toEqual({});
    expect(result.acknowledgedButLost).toBe(0);
    expect(result.storedAsFailed).toBe(0);
    expect(result.issuesStored).toBe(result.sent);
  });

  it("2. duplicate storm: one issue delivered 200 times at once makes exactly one job", async () => {
    const result = await duplicateStorm(app, 200);
    const passed = result.identical.jobs === 1 && result.varied.jobs === 1 && result.identical.applied === 1;
    record(
      "2. Duplicate storm (a rule with its own guards off)",
      `the same bytes ×${result.identical.sent} at once: answers ${JSON.stringify(result.identical.statuses)}, applied ${result.identical.applied}, jobs ${result.identical.jobs}; the same issue with ${result.varied.sent} different bodies: answers ${JSON.stringify(result.varied.statuses)}, jobs ${result.varied.jobs}`,
      passed,
    );
    expect(result.identical.statuses).toEqual({ 200: 200 });
    expect(result.identical.applied).toBe(1);
    expect(result.identical.jobs).toBe(1);
    expect(result.varied.jobs).toBe(1);
  });

  it("3. standalone workers killed with SIGKILL mid-job: every job ends once, none runs twice at once", async () => {
    const result = await killWorkersMidJob(app, endpoint, { workers: 3, jobs: 40, kills: SCALE.kills, leaseSeconds: 2 });
    finishedJobId = (await app.query<{ id: string }>(`SELECT "id" FROM "RemediationJob" WHERE "namespace" = 'reliability' LIMIT 1`))[0]!.id;
    const passed = result.kills === SCALE.kills && result.badAttemptHistories.length === 0 && result.concurrentRuns.length === 0 && result.succeeded === result.jobs;
    record(
      "3. Workers killed with SIGKILL mid-job",
      `${result.kills} kills across 3 worker processes (lease 2 s), ${result.jobs} jobs in ${result.seconds.toFixed(0)} s: ${result.succeeded} succeeded, other ${JSON.stringify(result.otherStatuses)}; ${result.attempts} attempts; histories not "timed out… then one finish": ${result.badAttemptHistories.length}; jobs running twice at once: ${result.concurrentRuns.length}`,
      passed,
    );
    expect(result.kills).toBe(SCALE.kills);
    expect(result.badAttemptHistories).toEqual([]);
    expect(result.concurrentRuns).toEqual([]);
    expect(result.otherStatuses).toEqual({});
    expect(endpoint.authorizations).toEqual(new Set([`Bearer ${app.secrets.remediationSecret}`]));
  });

  it("4. the server and the outbox's worker killed with SIGKILL mid-pipeline: every matching issue gets exactly one job", async () => {
    const result = await crashServerAndWorkerMidPipeline(app, { deliveries: SCALE.pipelineDeliveries, concurrency: 20, leaseSeconds: 5 });
    const passed = result.withoutJob === 0 && result.withSeveralJobs === 0 && result.deadHandlings === 0;
    record(
      "4. Server and outbox worker killed with SIGKILL mid-pipeline",
      `${result.issues} acknowledged deliveries matching a rule (${result.resent} re-sent after the crash, as Sentry would); server and worker killed halfway, restarted, a new worker took over (outbox lease 5 s); all handled in ${result.seconds.toFixed(0)} s: issues without a job ${result.withoutJob}, with two or more ${result.withSeveralJobs}, dead handlings ${result.deadHandlings}`,
      passed,
    );
    expect(result.withoutJob).toBe(0);
    expect(result.withSeveralJobs).toBe(0);
    expect(result.deadHandlings).toBe(0);
  });

  it("5. PostgreSQL crashed and restarted while a worker drains the outbox: no event lost, none handled twice", async () => {
    const result = await restartPostgresMidDrain(app, { deliveries: SCALE.pipelineDeliveries, concurrency: 20, leaseSeconds: 5 });
    const passed = result.withoutJob === 0 && result.withSeveralJobs === 0 && result.deadHandlings === 0;
    record(
      "5. PostgreSQL crash-restarted mid-drain",
      `${result.issues} acknowledged deliveries matching a rule, drained by one worker while PostgreSQL crashed (-m immediate) and restarted; all handled in ${result.seconds.toFixed(0)} s: issues without a job ${result.withoutJob}, with two or more ${result.withSeveralJobs}, dead handlings ${result.deadHandlings}`,
      passed,
    );
    expect(result.withoutJob).toBe(0);
    expect(result.withSeveralJobs).toBe(0);
    expect(result.deadHandlings).toBe(0);
  });

  it("6. fuzzing: hostile bodies, headers and query strings get a 4xx (lists: < 500) and store nothing", async () => {
    const fixtures = await createFixtures(app, finishedJobId);
    // Tokens and sessions are touched by any authenticated call (last used / last seen), so
    // compared by count only; the dashboard's metric snapshots refresh on reads as they age.
    const fingerprintOptions = { skipContent: ["ApiToken", "Session"], skipRows: { AppSetting: `"key" LIKE 'metrics.%'` } };
    // Caches a first read fills (the default rule pack, metric snapshots) are filled first.
    await warmUp(app, fixtures);
    const before = await databaseFingerprint(app, fingerprintOptions);
    const result = await fuzz(app, fixtures, { runs: SCALE.fuzzRuns, seed: SCALE.fuzzSeed, concurrency: 8 });
    const after = await databaseFingerprint(app, fingerprintOptions);
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    const alive = (await app.request("/api/health")).status;
    const passed = result.failures.length === 0 && changed.length === 0 && alive === 200;
    const targets = Object.entries(result.byTarget)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([target, counts]) => `${target} ${counts.sent}`)
      .join(", ");
    record(
      "6. Property-based fuzzing (fast-check)",
      `${result.requests} requests (seed ${result.seed}) in ${result.seconds.toFixed(0)} s; refused or answered below 500 as expected: ${result.requests - result.failures.length}; 5xx or wrong answers: ${result.failures.length}; tables changed: ${changed.length}; server alive after: ${alive === 200}. Targets: ${targets}`,
      passed,
    );
    expect(changed.map((table) => `${table}: ${before[table]} → ${after[table]}`)).toEqual([]);
    expect(result.failures.slice(0, 40)).toEqual([]);
    expect(alive).toBe(200);
  });

  it("7. auth matrix from the route files: each caller gets the expected status from every route and page", async () => {
    const result = await authMatrix(app);
    const passed = result.failures.length === 0 && result.unlisted.length === 0 && result.stale.length === 0;
    record(
      "7. Auth matrix (routes read from app/)",
      `${result.routes} routes and pages × ${result.callers.length} callers (${result.callers.join(", ")}) = ${result.calls} calls; unexpected answers: ${result.failures.length}; routes without a policy: ${result.unlisted.length}`,
      passed,
    );
    expect(result.unlisted, "routes without a policy in access-policy.ts").toEqual([]);
    expect(result.stale, "policy entries without a route").toEqual([]);
    expect(result.failures).toEqual([]);
  });

  it("8. no secret in any answer, page, log line or Sentry envelope of the suite", async () => {
    // Visit what would show a secret if any did: channel, monitor, token and job views, job
    // logs (the jobs' requests carried the remediation secret), settings and their pages.
    const jobs = await app.query<{ id: string }>(`SELECT "id" FROM "RemediationJob" WHERE "namespace" = 'reliability' LIMIT 5`);
    const admin = { authorization: `Bearer ${app.adminToken}` };
    for (const path of ["/api/alerts/channels", "/api/monitors", "/api/monitors/fuzz-monitor", "/api/tokens", "/api/users", "/api/deliveries", "/api/audit", "/api/health-checks", "/api/scripts", "/api/workers"]) {
      await app.request(path, { headers: admin });
    }
    for (const { id } of jobs) {
      await app.request(`/api/jobs/${id}`, { headers: admin });
      await app.request(`/api/jobs/${id}/logs`, { headers: admin });
    }
    const result = scanForSecrets(app);
    record(
      "8. Secret scan",
      `${result.secrets} secrets (client secret, API token, cron and app secrets, remediation and channel secrets, passwords, API and monitor tokens, sessions) looked for in ${result.answers} answers and pages, ${(result.logBytes / 1024).toFixed(0)} KB of server and worker output and ${result.envelopeItems} Sentry envelope items: ${result.leaks.length} found`,
      result.leaks.length === 0,
    );
    expect(result.answers).toBeGreaterThan(SCALE.fuzzRuns);
    expect(result.leaks).toEqual([]);
  });
});
