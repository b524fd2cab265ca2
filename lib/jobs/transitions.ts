import type { JobStatus } from "./model";

/** What can happen to a job. The queue's state machine lives in this one function. */
export type JobEvent =
  | "approve"
  | "reject"
  | "claim"
  | "succeed"
  | "fail"
  | "retry_later"
  | "time_out"
  | "cancel"
  /** A running job whose cancellation was requested stopped. */
  | "cancelled_while_running"
  /** A worker gave a job back without finishing it (shutdown): it runs again, attempt refunded. */
  | "release";

const MOVES: Record<JobEvent, Partial<Record<JobStatus, JobStatus>>> = {
  approve: { awaiting_approval: "queued" },
  reject: { awaiting_approval: "cancelled" },
  claim: { queued: "running" },
  succeed: { running: "succeeded" },
  fail: { running: "failed" },
  retry_later: { running: "queued" },
  time_out: { running: "timed_out" },
  cancel: { queued: "cancelled", awaiting_approval: "cancelled" },
  cancelled_while_running: { running: "cancelled" },
  release: { running: "queued" },
};

export class IllegalTransition extends Error {
  constructor(
    readonly from: JobStatus,
    readonly event: JobEvent,
  ) {
    super(`A ${from.replace("_", " ")} job cannot ${event.replaceAll("_", " ")}.`);
    this.name = "IllegalTransition";
  }
}

/** Pure: the status after `event`, or IllegalTransition. */
export function nextStatus(from: JobStatus, event: JobEvent): JobStatus {
  const to = MOVES[event][from];
  if (!to) throw new IllegalTransition(from, event);
  return to;
}

/** The statuses from which `event` is allowed (for SQL guards: `WHERE status = ANY(...)`). */
export function statusesAllowing(event: JobEvent): JobStatus[] {
  return Object.keys(MOVES[event]) as JobStatus[];
}
