import type { JobSource, JobStatus, PriorityClass, Tier } from "@/lib/db";

export type { JobSource, JobStatus, PriorityClass, Tier };

export const TIERS = ["prod", "nonprod"] as const satisfies readonly Tier[];
export const PRIORITY_CLASSES = ["A", "B", "C"] as const satisfies readonly PriorityClass[];
export const JOB_SOURCES = ["rule", "manual", "api", "retry", "follow_up"] as const satisfies readonly JobSource[];
export const JOB_STATUSES = ["queued", "awaiting_approval", "running", "succeeded", "failed", "timed_out", "cancelled"] as const satisfies readonly JobStatus[];

/** A job in one of these may still run: a dedupe key refuses a second one. */
export const ACTIVE_STATUSES = ["queued", "awaiting_approval", "running"] as const satisfies readonly JobStatus[];
export const TERMINAL_STATUSES = ["succeeded", "failed", "timed_out", "cancelled"] as const satisfies readonly JobStatus[];

export function isTerminal(status: JobStatus): boolean {
  return (TERMINAL_STATUSES as readonly JobStatus[]).includes(status);
}

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: "Queued",
  awaiting_approval: "Awaiting approval",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  timed_out: "Timed out",
  cancelled: "Cancelled",
};

export const CLASS_LABELS: Record<PriorityClass, string> = { A: "A · urgent", B: "B · normal", C: "C · background" };

/** Anything that depends on time takes a clock, so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
