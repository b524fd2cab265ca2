export { JobWorker, type JobWorkerOptions, type DrainSummary } from "./job-worker";
export { runCronTick, registerTickTask, type TickTask, type TickSummary } from "./tick";
export { startEmbeddedWorker } from "./embedded";
export { queueSettingsFrom, appVersion } from "./settings";
export { registerWorker, touchWorker, markWorkerStopped } from "./registration";
export { listWorkers, type WorkerView } from "./views";
export { requireCronSecret } from "./cron-auth";
