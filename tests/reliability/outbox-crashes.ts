// Scenarios 7 and 8: the automation pipeline (the outbox) across crashes. Deliveries whose
// issues match a rule are acknowledged; then the server and the worker draining the outbox
// are killed with SIGKILL, or PostgreSQL restarts under the drain. Afterwards every matching
// issue must have exactly one job: no remediation lost, none made twice.
import type { ChildProcess } from "node:child_process";
import { signSentryBody } from "@/lib/sentry/webhooks/signature";
import { DEMO_ISSUES, issuePayload } from "@/scripts/support/sentry-payloads";
import type { ReliabilityApp } from "./support/app";
import { createMatchingRule } from "./support/rules";
import { endWorker, spawnWorker } from "./support/workers";

export interface PipelineResult {
  issues: number;
  /** Deliveries that had to be sent again (no answer, or a 503) before they were acknowledged. */
  resent: number;
  withoutJob: number;
  withSeveralJobs: number;
  deadHandlings: number;
  /** From the first delivery until every event was handled. */
  seconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deliveriesFor(app: ReliabilityApp, marker: string, count: number, firstId: number): { id: string; raw: string; signature: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const template = DEMO_ISSUES[i % DEMO_ISSUES.length]!;
    const issue = { ...template, id: String(firstId + i), shortId: `${marker}-${i}`, title: `${marker}: ${template.title}` };
    const raw = JSON.stringify(issuePayload(issue, "created", new Date()));
    return { id: issue.id, raw, signature: signSentryBody(Buffer.from(raw), app.secrets.sentryClientSecret) };
  });
}

async function send(app: ReliabilityApp, delivery: { raw: string; signature: string }): Promise<number> {
  try {
    const answer = await app.request("/api/webhooks/sentry", {
      method: "POST",
      headers: { "content-type": "application/json", "sentry-hook-resource": "issue", "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)), "sentry-hook-signature": delivery.signature },
      body: delivery.raw,
    });
    return answer.status;
  } catch {
    return 0;
  }
}

/** Sends every delivery until acknowledged, as Sentry does (it resends on no answer and on 503). */
async function deliverAll(app: ReliabilityApp, deliveries: { raw: string; signature: string }[], concurrency: number, onAcknowledged: (count: number) => Promise<void> | void): Promise<number> {
  let pending = [...deliveries.keys()];
  let acknowledged = 0;
  let resent = 0;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) {
      resent += pending.length;
      await sleep(1_000);
    }
    if (round > 30) throw new Error(`${pending.length} deliveries still unacknowledged after 30 rounds`);
    const failed: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < pending.length) {
          const index = pending[next++]!;
          const status = await send(app, deliveries[index]!);
          if (status === 200) await onAcknowledged(++acknowledged);
          else if (status === 0 || status === 503) failed.push(index);
          else throw new Error(`Delivery answered ${status}`);
        }
      }),
    );
    pending = failed;
  }
  return resent;
}

async function waitForDrained(app: ReliabilityApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await app.count(`SELECT count(*) FROM "OutboxHandling" WHERE "consumer" = 'rules' AND "status" = 'pending'`).catch(() => -1);
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} rule handlings still pending after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function jobsPerIssue(app: ReliabilityApp, sentryIds: string[]): Promise<Pick<PipelineResult, "withoutJob" | "withSeveralJobs" | "deadHandlings">> {
  const rows = await app.query<{ jobs: number }>(
    `SELECT count(j."id")::int AS "jobs" FROM "Issue" i LEFT JOIN "RemediationJob" j ON j."issueId" = i."id" WHERE i."sentryId" = ANY($1::text[]) GROUP BY i."id"`,
    [sentryIds],
  );
  if (rows.length !== sentryIds.length) throw new Error(`${sentryIds.length - rows.length} acknowledged issues are not stored`);
  return {
    withoutJob: rows.filter((row) => row.jobs === 0).length,
    withSeveralJobs: rows.filter((row) => row.jobs > 1).length,
    deadHandlings: await app.count(`SELECT count(*) FROM "OutboxHandling" WHERE "status" = 'dead'`),
  };
}

// The workers only drain the outbox here (their tier runs no job of these rules), so the jobs
// stay queued and are counted as the rules made them.
const workerEnv = (leaseSeconds: number) => ({ WORKER_TIERS: "prod", WORKER_POLL_INTERVAL_MS: "200", OUTBOX_LEASE_SECONDS: String(leaseSeconds) });

/**
 * Scenario 7: a worker drains while deliveries arrive; halfway, the server and the worker are
 * killed with SIGKILL (acknowledged deliveries whose events are unhandled or mid-handling).
 * The server restarts, Sentry resends what got no answer, a new worker takes over.
 */
export async function crashServerAndWorkerMidPipeline(app: ReliabilityApp, options: { deliveries: number; concurrency: number; leaseSeconds: number }): Promise<PipelineResult> {
  const marker = `Pipeline crash ${Date.now().toString(36)}`;
  await createMatchingRule(app, marker);
  const deliveries = deliveriesFor(app, marker, options.deliveries, 7_300_000_000);
  const started = performance.now();
  let worker: ChildProcess = spawnWorker(app, workerEnv(options.leaseSeconds));
  let crashed: Promise<void> | null = null;
  const resent = await deliverAll(app, deliveries, options.concurrency, (acknowledged) => {
    if (crashed || acknowledged < options.deliveries / 2) return;
    crashed = (async () => {
      await Promise.all([app.server.crash(), endWorker(worker, "SIGKILL")]);
      await app.server.restart();
      worker = spawnWorker(app, workerEnv(options.leaseSeconds));
    })();
  });
  await crashed;
  await waitForDrained(app, (options.leaseSeconds * 3 + 60) * 1000);
  const seconds = (performance.now() - started) / 1000;
  await endWorker(worker, "SIGTERM");
  return { issues: deliveries.length, resent, seconds, ...(await jobsPerIssue(app, deliveries.map((delivery) => delivery.id))) };
}

/** Scenario 8: acknowledged deliveries, then a worker drains them while PostgreSQL crashes and restarts. */
export async function restartPostgresMidDrain(app: ReliabilityApp, options: { deliveries: number; concurrency: number; leaseSeconds: number }): Promise<PipelineResult> {
  const marker = `Pipeline restart ${Date.now().toString(36)}`;
  await createMatchingRule(app, marker);
  const deliveries = deliveriesFor(app, marker, options.deliveries, 7_400_000_000);
  const started = performance.now();
  const resent = await deliverAll(app, deliveries, options.concurrency, () => {});
  const worker = spawnWorker(app, workerEnv(options.leaseSeconds));
  // Let the drain get going, then crash the database under it.
  const deadline = Date.now() + 60_000;
  while ((await app.count(`SELECT count(*) FROM "OutboxHandling" WHERE "consumer" = 'rules' AND "status" = 'done' AND "streamKey" IN (SELECT 'issue:' || "id" FROM "Issue" WHERE "title" LIKE $1)`, [`${marker}%`])) < options.deliveries / 10) {
    if (Date.now() > deadline) throw new Error("The worker did not start draining within 60 s");
    await sleep(50);
  }
  await app.pg.restart("immediate", 1_000);
  await waitForDrained(app, (options.leaseSeconds * 3 + 60) * 1000);
  const seconds = (performance.now() - started) / 1000;
  await endWorker(worker, "SIGTERM");
  return { issues: deliveries.length, resent, seconds, ...(await jobsPerIssue(app, deliveries.map((delivery) => delivery.id))) };
}
