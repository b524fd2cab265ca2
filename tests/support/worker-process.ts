// A standalone worker in a process of its own, for the tests that need a real one (killed with
// SIGKILL, or several side by side). It runs the counting script of tests/support/jobs.ts
// against WORKER_TEST_DATABASE_URL. With WORKER_TEST_TICK_EVERY_MS it also runs tick passes
// that often, with the slot counter of tests/support/slot-counter.ts registered.
import { openPostgres, setDatabaseForTests } from "@/lib/db";
import { JobWorker } from "@/lib/worker";
import { countingScript, queueSettings, testConfig } from "./jobs";
import { registerSlotCounter } from "./slot-counter";

const env = process.env;
const url = env.WORKER_TEST_DATABASE_URL!;
const opened = openPostgres(url, 4);
setDatabaseForTests({ db: opened.db, sql: opened.sql });
const leaseSeconds = Number(env.WORKER_TEST_LEASE_SECONDS ?? 30);
const tickEveryMs = env.WORKER_TEST_TICK_EVERY_MS ? Number(env.WORKER_TEST_TICK_EVERY_MS) : undefined;
// WORKER_TEST_CLOCK_START: the worker's clock starts there and runs at real speed.
const clockOffset = env.WORKER_TEST_CLOCK_START ? Date.parse(env.WORKER_TEST_CLOCK_START) - Date.now() : undefined;
const clock = clockOffset === undefined ? undefined : { now: () => new Date(Date.now() + clockOffset) };
if (tickEveryMs) registerSlotCounter(Number(env.WORKER_TEST_SLOT_TASK_MS ?? 0));
const worker = new JobWorker({
  kind: "standalone",
  id: env.WORKER_TEST_ID ?? "doomed",
  tiers: ["nonprod"],
  concurrency: 1,
  pollIntervalMs: 50,
  settings: queueSettings(clock, { leaseSeconds }),
  config: testConfig({ JOBS_LEASE_SECONDS: String(leaseSeconds), ...(env.WORKER_TEST_SLOT_SECONDS ? { TICK_TASK_SLOT_SECONDS: env.WORKER_TEST_SLOT_SECONDS } : {}) }),
  scripts: countingScript(60_000).scripts,
  tickTasksEveryMs: tickEveryMs,
  log: () => {},
});
await worker.start();
