// npm run worker — a long-running batch worker for self-hosting and scale-out. Run as many as
// you like, on as many hosts, against one PostgreSQL (DATABASE_URL). It handles the outbox
// (rules, alerts, the remediation loop) and runs jobs, wakes at once on new events and jobs
// (LISTEN/NOTIFY), polls as a fallback, and on SIGTERM/SIGINT stops claiming, lets its
// jobs finish for WORKER_SHUTDOWN_GRACE_SECONDS (default 25) and gives the rest back.
import * as Sentry from "@sentry/node";
import { getConfig } from "@/lib/config";
import { scrubbingHooks } from "@/lib/telemetry";
import { closeDb, getDb } from "@/lib/db";
import { JobWorker, queueSettingsFrom } from "@/lib/worker";

async function main(): Promise<void> {
  const config = getConfig();
  if (config.database.kind !== "postgres") {
    console.error(
      "npm run worker needs PostgreSQL (set DATABASE_URL). With the embedded database only one process may open it, so the app server runs jobs itself (WORKER_IN_PROCESS).",
    );
    process.exit(2);
  }
  if (config.sentry.dsn) Sentry.init({ dsn: config.sentry.dsn, environment: config.sentry.environment, tracesSampleRate: config.sentry.tracesSampleRate, ...scrubbingHooks() });
  await getDb();
  const worker = new JobWorker({
    kind: "standalone",
    tiers: config.worker.tiers,
    concurrency: config.worker.concurrency,
    pollIntervalMs: config.worker.pollIntervalMs,
    settings: queueSettingsFrom(config),
    config,
    listenUrl: config.database.url,
    tickTasksEveryMs: config.workerMonitors.standaloneIntervalMinutes * 60_000,
  });
  await worker.start();
  console.log(`Worker ${worker.id} started: tiers ${config.worker.tiers.join(", ")}, concurrency ${config.worker.concurrency}, lease ${config.jobs.leaseSeconds} s.`);

  const graceSeconds = config.worker.shutdownGraceSeconds;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing ${worker.activeJobs} running job(s) for up to ${graceSeconds} s…`);
    await worker.stop(graceSeconds * 1000);
    await Sentry.flush(2000);
    await closeDb();
    console.log("Worker stopped.");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
