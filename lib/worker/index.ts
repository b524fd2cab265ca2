export { JobWorker, type JobWorkerOptions, type DrainSummary } from "./job-worker";
export { runCronTick, type TickSummary } from "./tick";
export { registerTickTask, runTickTasks, type TickTask, type TickTaskResults } from "./tick-tasks";
export { startEmbeddedWorker } from "./embedded";
export { queueSettingsFrom, appVersion } from "./settings";
export { registerWorker, touchWorker, markWorkerStopped } from "./registration";
export { listWorkers, listWorkerEntries } from "./views";
export { groupWorkerList, type GoneWorkers, type WorkerListEntry, type WorkerView } from "./worker-list";
export { requireCronSecret } from "./cron-auth";
