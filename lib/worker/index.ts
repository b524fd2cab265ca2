export { JobWorker, type JobWorkerOptions, type DrainSummary } from "./job-worker";
export { runCronTick, type TickSummary } from "./tick";
export { registerTickTask, runTickTasks, type TickPass, type TickTaskResults } from "./tick-tasks";
export { everyPass, oncePerSlot, type TickTask, type TickTaskContext, type TickSchedule } from "./tick-task";
export { startEmbeddedWorker } from "./embedded";
export { queueSettingsFrom, appVersion } from "./settings";
export { registerWorker, touchWorker, markWorkerStopped } from "./registration";
export { listWorkers, type WorkerView } from "./views";
export { requireCronSecret } from "./cron-auth";
