import { EventEmitter } from "node:events";

/** The PostgreSQL channel new jobs are announced on (`NOTIFY remediation_jobs, '<tier>'`). */
export const JOBS_CHANNEL = "remediation_jobs";

// In-process wake-ups for workers in the same process as the submitter (the embedded
// database has no second connection to LISTEN on). Kept on globalThis across dev reloads.
const local: EventEmitter = ((globalThis as { __opsJobEvents?: EventEmitter }).__opsJobEvents ??= new EventEmitter().setMaxListeners(100));

export function announceJobsLocally(tier: string): void {
  local.emit("job", tier);
}

export function onLocalJobAnnouncement(listener: (tier: string) => void): () => void {
  local.on("job", listener);
  return () => local.off("job", listener);
}
