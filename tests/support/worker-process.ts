// A standalone worker in a process of its own, for the test that kills one with SIGKILL.
// It runs the counting script of tests/support/jobs.ts against WORKER_TEST_DATABASE_URL.
import { openPostgres, setDatabaseForTests } from "@/lib/db";
import { JobWorker } from "@/lib/worker";
import { countingScript, queueSettings, testConfig } from "./jobs";

const url = process.env.WORKER_TEST_DATABASE_URL!;
const opened = openPostgres(url, 4);
setDatabaseForTests({ db: opened.db, sql: opened.sql });
const worker = new JobWorker({
  kind: "standalone",
  id: "doomed",
  tiers: ["nonprod"],
  concurrency: 1,
  pollIntervalMs: 50,
  settings: queueSettings(undefined, { leaseSeconds: Number(process.env.WORKER_TEST_LEASE_SECONDS ?? 30) }),
  config: testConfig(),
  scripts: countingScript(60_000).scripts,
  log: () => {},
});
await worker.start();
