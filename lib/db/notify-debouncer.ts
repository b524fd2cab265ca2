/**
 * At most one NOTIFY per window from this process (new jobs, outbox events). PostgreSQL serialises the commits of
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

  /** Sends one now, outside any transaction; a failure only delays the work until a poll. */
  sendNow(): void {
    this.send().catch((error: unknown) => console.warn("Could not notify workers; they will find the work by polling.", error));
  }

  /** After the commit of a submission that did not notify: one trailing NOTIFY for the window. */
  afterCommit(): void {
    if (this.trailing) return;
    const wait = Math.max(0, this.lastInlineAt + this.windowMs - this.now());
    this.trailing = setTimeout(() => {
      this.trailing = null;
      this.lastInlineAt = this.now();
      this.sendNow();
    }, wait);
    this.trailing.unref?.();
  }
}
