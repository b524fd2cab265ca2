import { getConfig } from "@/lib/config";
import { JobWorker } from "./job-worker";
import { queueSettingsFrom } from "./settings";

const state = ((globalThis as { __opsEmbeddedWorker?: { worker?: JobWorker } }).__opsEmbeddedWorker ??= {});

/**
 * The worker inside the app server: with the embedded database no other process can open it,
 * so `npm run dev` / `npm start` run jobs themselves (WORKER_IN_PROCESS). One per process,
 * kept across dev reloads.
 */
export async function startEmbeddedWorker(): Promise<JobWorker | null> {
  const config = getConfig();
  if (!config.worker.inProcess || state.worker) return state.worker ?? null;
  const worker = new JobWorker({
    kind: "embedded",
    tiers: config.worker.tiers,
    concurrency: config.worker.concurrency,
    pollIntervalMs: config.worker.pollIntervalMs,
    settings: queueSettingsFrom(config),
    config,
    listenUrl: config.database.kind === "postgres" ? config.database.url : undefined,
    tickTasksEveryMs: config.workerMonitors.standaloneIntervalMinutes * 60_000,
  });
  state.worker = worker;
  await worker.start();
  const stop = () => void worker.stop(config.worker.shutdownGraceSeconds * 1000).finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return worker;
}
