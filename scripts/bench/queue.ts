// npm run bench:queue -- [--jobs 20000] [--workers 1,4,8] [--concurrency 10] [--database-url URL]
// Submit + claim + complete of N `noop` jobs with W standalone workers (JobWorker, W instances
// in this process), and the same work on pg-boss (a dev dependency used only here) against the
// same PostgreSQL in the same run, the two interleaved per W. Prints jobs/s and the ratio to
// pg-boss, then the submit-to-start latency of one standalone worker in a process of its own,
// woken by LISTEN/NOTIFY (this file again, with the internal flag --latency-worker). Checks
// that every job completed, and ran exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import PgBoss from "pg-boss";
import { parseFlags, stringFlag } from "@/lib/cli/args";
import { parseConfig, type AppConfig } from "@/lib/config";
import { applyPendingMigrations, openPostgres, pgConnection, setDatabaseForTests, withPgClient, type OpenDatabase } from "@/lib/db";
import { submitJob, type Submitter } from "@/lib/jobs";
import { JobWorker, queueSettingsFrom } from "@/lib/worker";
import { percentile } from "./load";

const BENCH: Submitter = { actor: { type: "system", label: "bench" }, role: "system", source: "api" };
const SUBMIT_IN_FLIGHT = 50;
const POLL_MS = 500;
const LATENCY_JOBS = 500;
const LATENCY_GAP_MS = 15;
const LATENCY_WARMUP_JOBS = 20;
// A round with no job finishing for this long is stuck, not slow.
const STALL_MS = 60_000;

type System = "ours" | "pg-boss";

interface Round {
  system: System;
  workers: number;
  jobs: number;
  submitMs: number;
  drainMs: number;
  totalMs: number;
  /** CPU ms while submitting and while draining: this Node process, and the database's backends. */
  cpu: { submit: CpuUse; drain: CpuUse };
  problems: string[];
}

interface CpuUse {
  nodeMs: number;
  postgresMs: number;
}

interface Bench {
  ourUrl: string;
  bossUrl: string;
  ourDatabase: string;
  bossDatabase: string;
  concurrency: number;
  config: AppConfig;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** W workers share one pool in this process: room for their claims and finishes, plus submitters. */
const poolSize = (workers: number) => 4 + 2 * workers;

async function inParallel(total: number, inFlight: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < total; index = next++) await task(index);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
}

/**
 * CPU time used so far by each PostgreSQL backend connected to `database`, in ms, by pid
 * (Linux /proc; a backend's title names its database; 100 clock ticks a second).
 */
function backendCpuMs(database: string): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!title.startsWith("postgres:") || !title.includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      used.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The process ended while being read.
    }
  }
  return used;
}

/** This process's CPU and that of the database's backends, from now on. */
function cpuMeter(database: string): () => CpuUse {
  const node = process.cpuUsage();
  const before = backendCpuMs(database);
  return () => {
    const used = process.cpuUsage(node);
    let postgres = 0;
    for (const [pid, ms] of backendCpuMs(database)) postgres += ms - (before.get(pid) ?? 0);
    return { nodeMs: (used.user + used.system) / 1000, postgresMs: postgres };
  };
}

function splitCpu(submit: CpuUse, total: CpuUse): Round["cpu"] {
  return { submit, drain: { nodeMs: total.nodeMs - submit.nodeMs, postgresMs: total.postgresMs - submit.postgresMs } };
}

async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  await withPgClient(admin.toString(), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}

async function scalar(client: pg.Client, text: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: string | number | null }>(text, params);
  return Number(rows[0]?.n ?? 0);
}

/** Polls until `done()` reaches `total`, or nothing has moved for STALL_MS; returns the last count. */
async function waitForCount(done: () => Promise<number>, total: number): Promise<number> {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const count = await done();
    if (count >= total) return count;
    if (count !== last) {
      last = count;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > STALL_MS) {
      return count;
    }
    await sleep(250);
  }
}

function withOurDatabase(url: string, size: number): OpenDatabase {
  const database = openPostgres(url, size);
  setDatabaseForTests({ db: database.db, sql: database.sql });
  return database;
}

async function ourRound(bench: Bench, workers: number, jobs: number): Promise<Round> {
  const database = withOurDatabase(bench.ourUrl, poolSize(workers));
  const monitor = new pg.Client({ connectionString: bench.ourUrl });
  await monitor.connect();
  const running: JobWorker[] = [];
  try {
    await monitor.query(`TRUNCATE "RemediationJob", "Worker" CASCADE`);
    const cpu = cpuMeter(bench.ourDatabase);
    const firstSubmitAt = Date.now();
    await inParallel(jobs, SUBMIT_IN_FLIGHT, () => submitJob({ script: "noop", tier: "nonprod" }, BENCH, { commentOnIssue: false }));
    const submittedAt = Date.now();
    const submitCpu = cpu();
    // A new table has no statistics, and without them the planner sorts the whole backlog on
    // every claim (by the tier/status index) instead of reading the ordered one: what
    // autoanalyze would do after this many inserts, done here so it does not depend on timing.
    await monitor.query(`ANALYZE "RemediationJob"`);
    // Limits off: the defaults (5 running per namespace) would cap every W at 5 jobs at once,
    // and pg-boss has no such limit to compare with.
    const settings = { ...queueSettingsFrom(bench.config), limits: { maxRunning: { prod: 0, nonprod: 0 }, maxRunningPerNamespace: 0 } };
    for (let i = 0; i < workers; i++) {
      running.push(
        new JobWorker({ kind: "standalone", id: `bench-${i}`, tiers: ["prod", "nonprod"], concurrency: bench.concurrency, pollIntervalMs: POLL_MS, settings, config: bench.config, log: () => {} }),
      );
    }
    await Promise.all(running.map((worker) => worker.start()));
    await waitForCount(() => scalar(monitor, `SELECT count(*) AS n FROM "RemediationJob" WHERE "finishedAt" IS NOT NULL`), jobs);
    const used = splitCpu(submitCpu, cpu());
    // The last job's own finish time, not the poll that saw it.
    const lastFinishedAt = await scalar(monitor, `SELECT extract(epoch FROM max("finishedAt")) * 1000 AS n FROM "RemediationJob"`);
    await Promise.all(running.splice(0).map((worker) => worker.stop(5000)));

    const { rows } = await monitor.query<{ status: string; n: number }>(`SELECT "status", count(*)::int AS n FROM "RemediationJob" GROUP BY "status"`);
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
    const attempts = await scalar(monitor, `SELECT count(*) AS n FROM "JobAttempt"`);
    const rerun = await scalar(monitor, `SELECT count(*) AS n FROM "RemediationJob" WHERE "attempts" <> 1`);
    const problems: string[] = [];
    if (byStatus.succeeded !== jobs) problems.push(`ours W=${workers}: ${byStatus.succeeded ?? 0} of ${jobs} succeeded (${JSON.stringify(byStatus)})`);
    if (attempts !== jobs || rerun !== 0) problems.push(`ours W=${workers}: ${attempts} attempts for ${jobs} jobs, ${rerun} jobs with attempts ≠ 1`);
    return { system: "ours", workers, jobs, submitMs: submittedAt - firstSubmitAt, drainMs: lastFinishedAt - submittedAt, totalMs: lastFinishedAt - firstSubmitAt, cpu: used, problems };
  } finally {
    await Promise.all(running.map((worker) => worker.stop(5000)));
    await monitor.end();
    await database.close();
  }
}

function newBoss(url: string, max: number, errors: string[]): PgBoss {
  const boss = new PgBoss({ connectionString: url, max });
  boss.on("error", (error: Error) => errors.push(error.message));
  return boss;
}

/**
 * pg-boss's work() waits pollingIntervalSeconds (at least 0.5 s) after every batch, even with
 * a backlog (node_modules/pg-boss/src/worker.js), so a worker drains at most batchSize jobs
 * per 0.5 s. Its fastest path for a backlog is a fetch()/complete() loop, which is what runs
 * here: fetch up to `concurrency` jobs, run them, complete them in one call — what work()
 * does per batch, without the pause. On an empty fetch it waits POLL_MS, as our worker does.
 */
async function bossWorkerLoop(boss: PgBoss, queue: string, batchSize: number, handled: Map<string, number>, stop: { requested: boolean }): Promise<void> {
  while (!stop.requested) {
    const jobs = await boss.fetch<object>(queue, { batchSize });
    if (jobs.length === 0) {
      await sleep(POLL_MS);
      continue;
    }
    await Promise.all(jobs.map(async (job) => handled.set(job.id, (handled.get(job.id) ?? 0) + 1)));
    await boss.complete(
      queue,
      jobs.map((job) => job.id),
    );
  }
}

async function bossRound(bench: Bench, workers: number, jobs: number, queue: string): Promise<Round> {
  const errors: string[] = [];
  const boss = newBoss(bench.bossUrl, poolSize(workers), errors);
  const monitor = new pg.Client({ connectionString: bench.bossUrl });
  await monitor.connect();
  const stop = { requested: false };
  const loops: Promise<void>[] = [];
  try {
    await boss.start();
    await boss.createQueue(queue);
    const handled = new Map<string, number>();
    const cpu = cpuMeter(bench.bossDatabase);
    const firstSubmitAt = Date.now();
    await inParallel(jobs, SUBMIT_IN_FLIGHT, () => boss.send(queue, {}));
    const submittedAt = Date.now();
    const submitCpu = cpu();
    const { rows } = await monitor.query<{ partition: string }>(`SELECT "partition_name" AS partition FROM pgboss.queue WHERE "name" = $1`, [queue]);
    await monitor.query(`ANALYZE pgboss."${rows[0]!.partition}"`);
    for (let i = 0; i < workers; i++) loops.push(bossWorkerLoop(boss, queue, bench.concurrency, handled, stop));
    await waitForCount(() => scalar(monitor, `SELECT count(*) AS n FROM pgboss.job WHERE "name" = $1 AND "state" > 'active'`, [queue]), jobs);
    const used = splitCpu(submitCpu, cpu());
    const lastFinishedAt = await scalar(monitor, `SELECT extract(epoch FROM max("completed_on")) * 1000 AS n FROM pgboss.job WHERE "name" = $1`, [queue]);
    stop.requested = true;
    await Promise.all(loops);

    const completed = await scalar(monitor, `SELECT count(*) AS n FROM pgboss.job WHERE "name" = $1 AND "state" = 'completed' AND "retry_count" = 0`, [queue]);
    const runs = [...handled.values()].reduce((sum, n) => sum + n, 0);
    const problems: string[] = [];
    if (completed !== jobs) problems.push(`pg-boss W=${workers}: ${completed} of ${jobs} completed on the first try`);
    if (handled.size !== jobs || runs !== jobs) problems.push(`pg-boss W=${workers}: ${runs} runs of ${handled.size} distinct jobs for ${jobs}`);
    if (errors.length) problems.push(`pg-boss W=${workers}: errors: ${errors.slice(0, 3).join("; ")}`);
    return { system: "pg-boss", workers, jobs, submitMs: submittedAt - firstSubmitAt, drainMs: lastFinishedAt - submittedAt, totalMs: lastFinishedAt - firstSubmitAt, cpu: used, problems };
  } finally {
    stop.requested = true;
    await Promise.all(loops).catch(() => {});
    await monitor.end();
    await boss.stop({ graceful: false, wait: true });
  }
}

interface Latency {
  startMs: number[];
  finishMs: number[];
}

function spawnLatencyWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--latency-worker", "--database-url", url], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`The latency worker exited (${code}) before it was ready.`)));
  });
}

/** Submits `count` jobs one at a time, one every LATENCY_GAP_MS, so the worker waits idle for each. */
async function paced(count: number, submit: () => Promise<string>): Promise<string[]> {
  const ids: string[] = [];
  const startedAt = performance.now();
  for (let i = 0; i < count; i++) {
    const due = startedAt + i * LATENCY_GAP_MS;
    const now = performance.now();
    if (due > now) await sleep(due - now);
    ids.push(await submit());
  }
  return ids;
}

/**
 * One standalone worker with the default settings (`npm run worker`: concurrency 4, limits on,
 * 2 s poll) in a process of its own, so it is woken by PostgreSQL's NOTIFY and not by the
 * in-process announcement a worker beside the submitter would get. Submit-to-start is the
 * job's own `startedAt − createdAt` (both from this machine's clock).
 */
async function ourLatency(bench: Bench): Promise<Latency> {
  const database = withOurDatabase(bench.ourUrl, 4);
  const monitor = new pg.Client({ connectionString: bench.ourUrl });
  await monitor.connect();
  let child: ChildProcess | null = null;
  try {
    await monitor.query(`TRUNCATE "RemediationJob", "Worker" CASCADE`);
    child = await spawnLatencyWorker(bench.ourUrl);
    const submit = async () => (await submitJob({ script: "noop", tier: "nonprod" }, BENCH, { commentOnIssue: false })).job.id;
    const finished = () => scalar(monitor, `SELECT count(*) AS n FROM "RemediationJob" WHERE "finishedAt" IS NOT NULL`);
    await paced(LATENCY_WARMUP_JOBS, submit);
    await waitForCount(finished, LATENCY_WARMUP_JOBS);
    const ids = await paced(LATENCY_JOBS, submit);
    await waitForCount(finished, LATENCY_WARMUP_JOBS + LATENCY_JOBS);
    const { rows } = await monitor.query<{ start: number; finish: number }>(
      `SELECT extract(epoch FROM "startedAt" - "createdAt") * 1000 AS start, extract(epoch FROM "finishedAt" - "createdAt") * 1000 AS finish
       FROM "RemediationJob" WHERE "id" = ANY($1::text[]) AND "status" = 'succeeded'`,
      [ids],
    );
    return { startMs: rows.map((row) => Number(row.start)), finishMs: rows.map((row) => Number(row.finish)) };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await monitor.end();
    await database.close();
  }
}

/** The child process of ourLatency: one standalone worker until SIGTERM. */
async function runLatencyWorker(url: string, config: AppConfig): Promise<void> {
  const database = withOurDatabase(url, 4);
  const worker = new JobWorker({
    kind: "standalone",
    id: "bench-latency",
    tiers: config.worker.tiers,
    concurrency: config.worker.concurrency,
    pollIntervalMs: config.worker.pollIntervalMs,
    settings: queueSettingsFrom(config),
    config,
    listenUrl: url,
    log: () => {},
  });
  await worker.start();
  process.on("SIGTERM", () => {
    void worker
      .stop(5000)
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
  process.stdout.write("ready\n");
}

/**
 * pg-boss for context: one work() registration polling every 0.5 s (its minimum; v10 has no
 * LISTEN), with a batch large enough that the paced jobs never queue behind the pause after a
 * batch. Submit-to-start is `started_on − created_on` (PostgreSQL's clock).
 */
async function bossLatency(bench: Bench): Promise<Latency> {
  const errors: string[] = [];
  const boss = newBoss(bench.bossUrl, 4, errors);
  const queue = "bench_latency";
  try {
    await boss.start();
    await boss.createQueue(queue);
    await boss.work(queue, { batchSize: 100, pollingIntervalSeconds: 0.5 }, async () => {});
    const submit = async () => (await boss.send(queue, {}))!;
    const finished = () => boss.getQueueSize(queue, { before: "completed" }).then((open) => LATENCY_WARMUP_JOBS + LATENCY_JOBS - open);
    await paced(LATENCY_WARMUP_JOBS, submit);
    const ids = await paced(LATENCY_JOBS, submit);
    await waitForCount(finished, LATENCY_WARMUP_JOBS + LATENCY_JOBS);
    await sleep(200);
    return await withPgClient(bench.bossUrl, async (client) => {
      const { rows } = await client.query<{ start: number; finish: number }>(
        `SELECT extract(epoch FROM "started_on" - "created_on") * 1000 AS start, extract(epoch FROM "completed_on" - "created_on") * 1000 AS finish
         FROM pgboss.job WHERE "name" = $1 AND "id" = ANY($2::uuid[]) AND "state" = 'completed'`,
        [queue, ids],
      );
      return { startMs: rows.map((row) => Number(row.start)), finishMs: rows.map((row) => Number(row.finish)) };
    });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

function quantiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

const rate = (jobs: number, ms: number) => (jobs * 1000) / ms;

const cpuCells = (use: CpuUse, jobs: number) => `${(use.nodeMs / jobs).toFixed(2).padStart(6)} ${(use.postgresMs / jobs).toFixed(2).padStart(6)}`;

function roundRow(round: Round): string {
  return `${round.workers.toString().padStart(7)}  ${round.system.padEnd(7)} ${rate(round.jobs, round.submitMs).toFixed(0).padStart(8)} ${rate(round.jobs, round.drainMs).toFixed(0).padStart(8)} ${rate(round.jobs, round.totalMs).toFixed(0).padStart(8)} ${cpuCells(round.cpu.submit, round.jobs)}  ${cpuCells(round.cpu.drain, round.jobs)}`;
}

function latencyLine(name: string, latency: Latency, expected: number): string {
  const start = quantiles(latency.startMs);
  const finish = quantiles(latency.finishMs);
  return `${name.padEnd(8)} start p50 ${start.p50.toFixed(1)} ms, p95 ${start.p95.toFixed(1)} ms, p99 ${start.p99.toFixed(1)} ms; finish p95 ${finish.p95.toFixed(1)} ms  (${latency.startMs.length} of ${expected} jobs)`;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const databaseUrl = stringFlag(flags, "database-url") ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/ops_bench_queue";
  // The bench's own configuration: defaults only, whatever the shell exports.
  const config = parseConfig({ NODE_ENV: "production", DATABASE_URL: databaseUrl });
  if (flags["latency-worker"]) {
    await runLatencyWorker(databaseUrl, config);
    return -1;
  }
  const jobs = Number(stringFlag(flags, "jobs") ?? 20000);
  const workerCounts = (stringFlag(flags, "workers") ?? "1,4,8").split(",").map(Number);
  const concurrency = Number(stringFlag(flags, "concurrency") ?? 10);
  if (!(jobs > 0) || !(concurrency > 0) || workerCounts.some((w) => !(w > 0))) throw new Error("--jobs, --workers and --concurrency take positive numbers.");

  const ourUrl = new URL(databaseUrl);
  const bossUrl = new URL(databaseUrl);
  bossUrl.pathname = `${ourUrl.pathname}_pgboss`;
  const bench: Bench = { ourUrl: ourUrl.toString(), bossUrl: bossUrl.toString(), ourDatabase: ourUrl.pathname.slice(1), bossDatabase: bossUrl.pathname.slice(1), concurrency, config };
  console.log(`Fresh databases ${ourUrl.pathname.slice(1)} (ours, migrated) and ${bossUrl.pathname.slice(1)} (pg-boss) on ${ourUrl.host}…`);
  await recreateDatabase(bench.ourUrl);
  await withPgClient(bench.ourUrl, (client) => applyPendingMigrations(pgConnection(client)));
  await recreateDatabase(bench.bossUrl);
  const server = await withPgClient(bench.ourUrl, async (client) => ({
    version: (await client.query<{ server_version: string }>(`SHOW server_version`)).rows[0]!.server_version,
    autovacuum: (await client.query<{ autovacuum: string }>(`SHOW autovacuum`)).rows[0]!.autovacuum,
  }));

  // Warm-up (JIT, pools, pg-boss's schema), not reported.
  const warmup = Math.min(1000, jobs);
  await ourRound(bench, workerCounts[0]!, warmup);
  await bossRound(bench, workerCounts[0]!, warmup, "bench_warmup");

  const rounds: Round[] = [];
  for (const [index, workers] of workerCounts.entries()) {
    // Alternate which goes first, so drift during the run affects both alike.
    const order: System[] = index % 2 === 0 ? ["ours", "pg-boss"] : ["pg-boss", "ours"];
    for (const system of order) {
      console.log(`  ${system}, ${workers} worker(s)…`);
      rounds.push(system === "ours" ? await ourRound(bench, workers, jobs) : await bossRound(bench, workers, jobs, `bench_w${workers}`));
    }
  }
  console.log("  submit-to-start latency…");
  const ourLat = await ourLatency(bench);
  const bossLat = await bossLatency(bench);

  const find = (system: System, workers: number) => rounds.find((round) => round.system === system && round.workers === workers)!;
  console.log(
    `\nPostgreSQL ${server.version}, ${jobs} noop jobs per round, ${concurrency} at once per worker, submitted one by one (${SUBMIT_IN_FLIGHT} in flight); same server, same run`,
  );
  console.log(`pools: ${poolSize(1)}/${poolSize(4)}/${poolSize(8)} connections for 1/4/8 workers (4 + 2 × workers), ours and pg-boss (max) alike`);
  console.log("pg-boss: fetch()/complete() loops, batch = concurrency (work() pauses 0.5 s after every batch, even with a backlog)");
  console.log(`ours: JobWorker standalone, poll ${POLL_MS} ms, concurrency limits off`);
  console.log(`each job table is analyzed after its submit phase, as autoanalyze would (autovacuum ${server.autovacuum} here); drain time includes it`);
  console.log("CPU ms/job: this Node process, and the PostgreSQL backends of that system's database; total = first submit to last completion\n");
  console.log(`${"".padEnd(43)} ${"submit ms/job".padStart(13)}  ${"drain ms/job".padStart(13)}`);
  console.log(`workers  system  submit/s  drain/s  total/s ${"node".padStart(6)} ${"PG".padStart(6)}  ${"node".padStart(6)} ${"PG".padStart(6)}`);
  for (const round of rounds) console.log(roundRow(round));

  console.log("\nworkers  ours jobs/s  pg-boss jobs/s  ratio");
  for (const workers of workerCounts) {
    const ours = rate(jobs, find("ours", workers).totalMs);
    const boss = rate(jobs, find("pg-boss", workers).totalMs);
    console.log(`${workers.toString().padStart(7)} ${ours.toFixed(0).padStart(12)} ${boss.toFixed(0).padStart(15)} ${(ours / boss).toFixed(2).padStart(6)}x${workers === 4 ? "  (target ≥ 1.00x)" : ""}`);
  }

  console.log(`\nsubmit-to-start, 1 idle worker, ${LATENCY_JOBS} jobs one every ${LATENCY_GAP_MS} ms:`);
  console.log(`${latencyLine("ours", ourLat, LATENCY_JOBS)}  — standalone worker, own process, LISTEN/NOTIFY, default settings`);
  console.log(`${latencyLine("pg-boss", bossLat, LATENCY_JOBS)}  — work(), polling every 0.5 s`);
  const p95 = quantiles(ourLat.startMs).p95;
  console.log(`ours p95 submit-to-start: ${p95.toFixed(1)} ms  (target < 50 ms)`);

  const problems = rounds.flatMap((round) => round.problems);
  if (ourLat.startMs.length !== LATENCY_JOBS) problems.push(`latency: ${ourLat.startMs.length} of ${LATENCY_JOBS} of our jobs succeeded`);
  if (bossLat.startMs.length !== LATENCY_JOBS) problems.push(`latency: ${bossLat.startMs.length} of ${LATENCY_JOBS} pg-boss jobs completed`);
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  if (problems.length === 0) console.log(`every job of every round completed, and ran exactly once`);

  const ratioAt4 = workerCounts.includes(4) ? rate(jobs, find("ours", 4).totalMs) / rate(jobs, find("pg-boss", 4).totalMs) : undefined;
  const missed = [
    ...(ratioAt4 === undefined ? ["(no 4-worker round)"] : ratioAt4 >= 1 ? [] : [`throughput at 4 workers ${ratioAt4.toFixed(2)}x pg-boss`]),
    ...(p95 < 50 ? [] : [`p95 submit-to-start ${p95.toFixed(1)} ms`]),
  ];
  console.log(missed.length === 0 ? "targets held: ≥ 1.0x pg-boss at 4 workers, p95 submit-to-start < 50 ms" : `targets missed: ${missed.join(", ")}`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    // The latency worker keeps running until its parent sends SIGTERM.
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
