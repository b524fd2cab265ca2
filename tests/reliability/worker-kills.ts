// Scenario 3: standalone workers (`npm run worker`, real processes) killed with SIGKILL in the
// middle of jobs. The jobs call an endpoint here that watches, per job, how many calls are in
// flight at once: a job claimed by two workers together would show two.
import type { ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReliabilityApp } from "./support/app";
import { spawnWorker } from "./support/workers";

export interface JobEndpoint {
  url: string;
  /** Calls in flight now, per job. */
  inFlight: Map<string, number>;
  /** The most calls ever in flight at once for one job. */
  maxInFlight: Map<string, number>;
  /** Calls answered in full, per job. */
  completed: Map<string, number>;
  authorizations: Set<string>;
  close(): Promise<void>;
}

/** The endpoint the jobs call: it holds each call for `holdMs`, so a kill lands mid-call. */
export async function startJobEndpoint(holdMs: number): Promise<JobEndpoint> {
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const completed = new Map<string, number>();
  const authorizations = new Set<string>();
  const server: Server = createServer((req, res) => {
    const job = new URL(req.url ?? "/", "http://x").searchParams.get("job") ?? "unknown";
    authorizations.add(req.headers.authorization ?? "");
    const now = (inFlight.get(job) ?? 0) + 1;
    inFlight.set(job, now);
    maxInFlight.set(job, Math.max(maxInFlight.get(job) ?? 0, now));
    let open = true;
    const leave = () => {
      if (!open) return;
      open = false;
      inFlight.set(job, inFlight.get(job)! - 1);
    };
    res.on("close", leave);
    req.resume();
    setTimeout(() => {
      if (!open) return;
      completed.set(job, (completed.get(job) ?? 0) + 1);
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"restarted":true}');
      leave();
    }, holdMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inFlight,
    maxInFlight,
    completed,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function endpointsConfig(endpoint: JobEndpoint): string {
  return JSON.stringify({
    reliability: { url: `${endpoint.url}/run?job={{job.id}}`, method: "POST", headers: { authorization: "Bearer {{secret.RELIABILITY}}" }, timeoutSeconds: 30 },
  });
}

export interface WorkerKillResult {
  jobs: number;
  kills: number;
  succeeded: number;
  otherStatuses: Record<string, number>;
  /** Jobs whose attempts do not show exactly one finishing attempt, the others timed out. */
  badAttemptHistories: string[];
  /** Jobs whose endpoint saw two calls at once. */
  concurrentRuns: string[];
  attempts: number;
  seconds: number;
}

interface WorkerProcess {
  child: ChildProcess;
  pid: number;
}

export async function killWorkersMidJob(
  app: ReliabilityApp,
  endpoint: JobEndpoint,
  options: { workers: number; jobs: number; kills: number; leaseSeconds: number },
): Promise<WorkerKillResult> {
  const env = {
    WORKER_TIERS: "nonprod",
    WORKER_CONCURRENCY: "2",
    WORKER_POLL_INTERVAL_MS: "100",
    JOBS_LEASE_SECONDS: String(options.leaseSeconds),
    REMEDIATION_HTTP_ENDPOINTS: endpointsConfig(endpoint),
    REMEDIATION_SECRET_RELIABILITY: app.secrets.remediationSecret,
  };
  const live = new Map<number, WorkerProcess>();
  const startWorker = () => {
    const child = spawnWorker(app, env);
    live.set(child.pid!, { child, pid: child.pid! });
    child.once("exit", () => live.delete(child.pid!));
  };
  for (let i = 0; i < options.workers; i++) startWorker();

  const submit = async () => {
    const answer = await app.request("/api/jobs", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ script: "http-request", tier: "nonprod", args: { endpoint: "reliability" }, maxAttempts: 10, namespace: "reliability" }),
    });
    if (answer.status !== 201) throw new Error(`Could not submit a job: ${answer.status} ${answer.text}`);
    return answer.body.job.id as string;
  };
  const jobIds: string[] = [];
  for (let i = 0; i < options.jobs; i++) jobIds.push(await submit());

  const started = performance.now();
  let kills = 0;
  const deadline = Date.now() + 120_000;
  while (kills < options.kills) {
    if (Date.now() > deadline) throw new Error(`Only ${kills} kills in 120 s: no job was running mid-call.`);
    // A job in the middle of its call, and the worker process that holds it.
    const midCall = [...endpoint.inFlight.entries()].filter(([, count]) => count > 0).map(([job]) => job);
    const holders = midCall.length
      ? await app.query<{ leaseOwner: string }>(`SELECT "leaseOwner" FROM "RemediationJob" WHERE "id" = ANY($1::text[]) AND "status" = 'running'`, [midCall])
      : [];
    const victim = holders.map((row) => Number(row.leaseOwner.split(":")[2])).find((pid) => live.has(pid));
    if (victim === undefined) {
      // Keep work flowing so there is always a job to interrupt.
      const waiting = await app.count(`SELECT count(*) FROM "RemediationJob" WHERE "namespace" = 'reliability' AND "status" IN ('queued', 'running')`);
      if (waiting < options.workers) jobIds.push(await submit());
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const worker = live.get(victim)!;
    const exited = new Promise((resolve) => worker.child.once("exit", resolve));
    worker.child.kill("SIGKILL");
    await exited;
    kills++;
    startWorker();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  // Every job must now end, finished by the workers still alive.
  const endBy = Date.now() + 180_000;
  for (;;) {
    const open = await app.count(`SELECT count(*) FROM "RemediationJob" WHERE "id" = ANY($1::text[]) AND "finishedAt" IS NULL`, [jobIds]);
    if (open === 0) break;
    if (Date.now() > endBy) throw new Error(`${open} job(s) still not finished 180 s after the last kill`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  // Stop the rest and wait: a stopping worker still writes (its heartbeat row, given-back jobs).
  await Promise.all([...live.values()].map((worker) => new Promise((resolve) => worker.child.once("exit", resolve).kill("SIGTERM"))));

  const jobs = await app.query<{ id: string; status: string; attempts: number }>(`SELECT "id", "status", "attempts" FROM "RemediationJob" WHERE "id" = ANY($1::text[])`, [jobIds]);
  const attempts = await app.query<{ jobId: string; attempt: number; status: string; startedAt: Date; finishedAt: Date | null }>(
    `SELECT "jobId", "attempt", "status", "startedAt", "finishedAt" FROM "JobAttempt" WHERE "jobId" = ANY($1::text[]) ORDER BY "jobId", "attempt"`,
    [jobIds],
  );
  const byJob = new Map<string, typeof attempts>();
  for (const row of attempts) byJob.set(row.jobId, [...(byJob.get(row.jobId) ?? []), row]);
  const badAttemptHistories: string[] = [];
  for (const job of jobs) {
    const history = byJob.get(job.id) ?? [];
    const finishing = history.filter((row) => row.status === job.status);
    const interrupted = history.filter((row) => row.status === "timed_out");
    const overlapping = history.some((row, i) => i > 0 && (!history[i - 1]!.finishedAt || history[i - 1]!.finishedAt! > row.startedAt));
    if (finishing.length !== 1 || finishing.length + interrupted.length !== history.length || history.length !== job.attempts || overlapping || history.at(-1)!.status !== job.status) {
      badAttemptHistories.push(`${job.id}: ${job.status} after ${history.map((row) => row.status).join(", ")}`);
    }
  }
  const otherStatuses: Record<string, number> = {};
  for (const job of jobs) if (job.status !== "succeeded") otherStatuses[job.status] = (otherStatuses[job.status] ?? 0) + 1;
  return {
    jobs: jobs.length,
    kills,
    succeeded: jobs.filter((job) => job.status === "succeeded").length,
    otherStatuses,
    badAttemptHistories,
    concurrentRuns: [...endpoint.maxInFlight.entries()].filter(([, max]) => max > 1).map(([job, max]) => `${job}: ${max} at once`),
    attempts: attempts.length,
    seconds,
  };
}
