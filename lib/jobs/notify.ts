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

/**
 * At most one NOTIFY per window from this process. PostgreSQL serialises the commits of
 * notifying transactions, which halved submission throughput when every insert notified
 * (npm run bench:queue). A woken worker keeps claiming until the queue is empty, so one
 * notification per burst is enough; a submission that did not notify schedules one trailing
 * notification after its commit, so no job waits for the poll interval.
 */
export class NotifyDebouncer {
  private lastInlineAt = -Infinity;
  private trailing: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly send: () => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this submission should carry its own NOTIFY (inside its insert). */
  claimInline(): boolean {
    const now = this.now();
    if (now - this.lastInlineAt < this.windowMs) return false;
    this.lastInlineAt = now;
    return true;
  }

  /** After the commit of a submission that did not notify: one trailing NOTIFY for the window. */
  afterCommit(): void {
    if (this.trailing) return;
    const wait = Math.max(0, this.lastInlineAt + this.windowMs - this.now());
    this.trailing = setTimeout(() => {
      this.trailing = null;
      this.lastInlineAt = this.now();
      this.send().catch((error: unknown) => console.warn("Could not notify workers of new jobs; they will find them by polling.", error));
    }, wait);
    this.trailing.unref?.();
  }
}
