// npm run bench:pipeline -- [--events 200] [--burst 2000] [--concurrency 50] [--database-url URL] [--port 3500]
// The automation pipeline off the request path, against `next start` on PostgreSQL with one
// idle standalone worker (`npm run worker`):
//  1. latency: signed deliveries whose issues match a rule, one at a time; for each, the time
//     from the webhook's acknowledgement to its job being queued, and to the job starting;
//  2. drain rate: a burst of deliveries acknowledged while the worker is stopped, then the
//     worker started: outbox events handled per second, beside the rate they were ingested at.
import { spawn, type ChildProcess } from "node:child_process";
import { parseFlags, stringFlag } from "@/lib/cli/args";
import { SYSTEM_ACTOR } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { closeDb, withPgClient } from "@/lib/db";
import { CONSUMERS_OF } from "@/lib/outbox";
import { createRule } from "@/lib/rules";
import { signSentryBody } from "@/lib/sentry/webhooks/signature";
import { DEMO_ISSUES, issuePayload } from "../support/sentry-payloads";
import { percentile, runLoad } from "./load";
import { startNextServer } from "../support/next-server";

const SECRET = "bench-webhook-secret";
const MARKER = "PIPELINE-BENCH";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function delivery(i: number, title: string) {
  const template = DEMO_ISSUES[i % DEMO_ISSUES.length]!;
  const issue = { ...template, id: String(6_000_000_000 + i), shortId: `PIPE-${i}`, title };
  const raw = JSON.stringify(issuePayload(issue, "created", new Date()));
  return { id: issue.id, raw, signature: signSentryBody(Buffer.from(raw), SECRET) };
}

function startWorker(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", WORKER_POLL_INTERVAL_MS: "1000", WORKER_CONCURRENCY: "4" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null) return;
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill("SIGTERM");
  await exited;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
// Each issue change is handled once by each consumer of its topic.
const CONSUMERS = CONSUMERS_OF["issue.changed"].length;

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const events = Number(stringFlag(flags, "events") ?? 200);
  const burst = Number(stringFlag(flags, "burst") ?? 2000);
  const concurrency = Number(stringFlag(flags, "concurrency") ?? 50);
  const databaseUrl = stringFlag(flags, "database-url") ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/ops_bench_pipeline";
  const port = Number(stringFlag(flags, "port") ?? 3500);

  console.log(`Starting next start on a fresh database (${new URL(databaseUrl).pathname.slice(1)})…`);
  const server = await startNextServer({ databaseUrl, port, env: { SENTRY_CLIENT_SECRET: SECRET, WORKER_IN_PROCESS: "false" } });
  let worker: ChildProcess | null = null;
  try {
    // The rule, written as the app does (the default pack marked as seeded, so only it fires).
    process.env.DATABASE_URL = databaseUrl;
    resetConfigForTests();
    await withPgClient(databaseUrl, (client) => client.query(`INSERT INTO "AppSetting" ("key", "value", "updatedAt") VALUES ('rules.defaultsSeeded', '{}', now()) ON CONFLICT DO NOTHING`));
    await createRule(
      {
        name: "bench: pipeline",
        trigger: "issue_created",
        conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: MARKER }] }] },
        action: { script: "noop", tier: "nonprod", args: {} },
        safety: { cooldownMinutes: 0, maxJobsPerWindow: 0, windowMinutes: 60, oneUntilResolved: false },
      },
      SYSTEM_ACTOR,
    );
    await closeDb();

    const post = (item: { raw: string; signature: string }) =>
      fetch(`${server.baseUrl}/api/webhooks/sentry`, {
        method: "POST",
        headers: { "content-type": "application/json", "sentry-hook-resource": "issue", "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)), "sentry-hook-signature": item.signature },
        body: item.raw,
      });

    worker = startWorker(databaseUrl);
    await withPgClient(databaseUrl, (client) => waitFor(async () => (await client.query(`SELECT 1 FROM "Worker" WHERE "kind" = 'standalone' AND "stoppedAt" IS NULL`)).rowCount! > 0, 60_000, "the worker to start"));
    await sleep(1000);

    // 1. One at a time, the worker idle between them.
    const acknowledgedAt = new Map<string, number>();
    for (let i = 0; i < events; i++) {
      const item = delivery(i, `${MARKER} ${i}: connection pool exhausted`);
      const answer = await post(item);
      acknowledgedAt.set(item.id, Date.now());
      if (answer.status !== 200) throw new Error(`Delivery answered ${answer.status}`);
      await withPgClient(databaseUrl, (client) =>
        waitFor(async () => (await client.query(`SELECT 1 FROM "RemediationJob" j JOIN "Issue" i ON i."id" = j."issueId" WHERE i."sentryId" = $1 AND j."startedAt" IS NOT NULL`, [item.id])).rowCount! > 0, 30_000, `job of ${item.id}`),
      );
    }
    const rows = await withPgClient(databaseUrl, async (client) =>
      (await client.query<{ sentryId: string; createdAt: Date; startedAt: Date }>(`SELECT i."sentryId", j."createdAt", j."startedAt" FROM "RemediationJob" j JOIN "Issue" i ON i."id" = j."issueId" WHERE i."title" LIKE $1`, [`${MARKER}%`])).rows,
    );
    const queued = rows.map((row) => row.createdAt.getTime() - acknowledgedAt.get(row.sentryId)!).sort((a, b) => a - b);
    const started = rows.map((row) => row.startedAt.getTime() - acknowledgedAt.get(row.sentryId)!).sort((a, b) => a - b);

    // 2. A burst ingested with the worker stopped, then drained.
    await stopWorker(worker);
    worker = null;
    const bodies = Array.from({ length: burst }, (_, i) => delivery(events + i, `Burst ${i}: no rule matches this`));
    const ingest = await runLoad(burst, concurrency, (i) => post(bodies[i]!));
    const handlings = await withPgClient(databaseUrl, async (client) => Number((await client.query<{ count: string }>(`SELECT count(*) FROM "OutboxHandling" WHERE "status" = 'pending'`)).rows[0]!.count));
    const drainStarted = performance.now();
    worker = startWorker(databaseUrl);
    await withPgClient(databaseUrl, (client) =>
      waitFor(async () => Number((await client.query<{ count: string }>(`SELECT count(*) FROM "OutboxHandling" WHERE "status" = 'pending'`)).rows[0]!.count) === 0, 600_000, "the outbox to drain"),
    );
    const drainSeconds = (performance.now() - drainStarted) / 1000;

    console.log(`\n1. webhook acknowledged → job, one idle standalone worker, ${rows.length} deliveries matching a rule, one at a time`);
    console.log(`   → job queued:  p50 ${ms(percentile(queued, 50))}  p95 ${ms(percentile(queued, 95))}  max ${ms(queued.at(-1) ?? 0)}  (target p95 < 100 ms)`);
    console.log(`   → job started: p50 ${ms(percentile(started, 50))}  p95 ${ms(percentile(started, 95))}  max ${ms(started.at(-1) ?? 0)}`);
    console.log(`\n2. drain rate against ingest rate (${burst} deliveries, concurrency ${concurrency}, worker stopped while they arrived)`);
    console.log(`   ingested: ${ingest.requestsPerSecond.toFixed(0)} deliveries/s = ${ingest.requestsPerSecond.toFixed(0)} events/s (${ingest.errors} errors)`);
    console.log(`   drained:  ${handlings} handlings (${(handlings / CONSUMERS).toFixed(0)} events × ${CONSUMERS} consumers) in ${drainSeconds.toFixed(1)} s by one worker (worker start included) = ${(handlings / CONSUMERS / drainSeconds).toFixed(0)} events/s, ${(handlings / drainSeconds).toFixed(0)} handlings/s`);
    console.log(`   ratio drain/ingest (events/s): ${(handlings / CONSUMERS / drainSeconds / ingest.requestsPerSecond).toFixed(2)}`);
    const ok = rows.length === events && ingest.errors === 0;
    return ok ? 0 : 1;
  } finally {
    if (worker) await stopWorker(worker);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
