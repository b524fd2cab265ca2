/**
 * Pure decisions of the Sentry poller: which time window to ask Sentry about, and how the
 * per-project cursor moves.
 *
 * The cursor is the newest `lastSeen` the poller has seen (Sentry's clock, so this server's
 * clock skew does not matter). Each poll asks for issues seen after the cursor minus an
 * overlap: Sentry sets an issue's lastSeen from the event's own timestamp, and events can be
 * ingested minutes late (SDK offline buffers, Relay queues), landing "in the past".
 */
export const POLL_OVERLAP_MS = 10 * 60_000;
/** How far back the first poll of a project looks. */
export const INITIAL_LOOKBACK_MS = 7 * 24 * 60 * 60_000;

export interface PollWindowOptions {
  overlapMs?: number;
  initialLookbackMs?: number;
}

/** Pure: the earliest lastSeen this poll asks Sentry for. */
export function pollWindowStart(lastChangeAt: Date | null | undefined, now: Date, options: PollWindowOptions = {}): Date {
  const overlap = options.overlapMs ?? POLL_OVERLAP_MS;
  if (!lastChangeAt) return new Date(now.getTime() - (options.initialLookbackMs ?? INITIAL_LOOKBACK_MS));
  // A cursor ahead of our clock (skew) must not push the window into the future.
  return new Date(Math.min(lastChangeAt.getTime(), now.getTime()) - overlap);
}

/** Pure: Sentry search syntax for "seen after `since`". Giving any query also drops Sentry's implied `is:unresolved`, so resolved and ignored issues come back too. */
export function lastSeenQuery(since: Date): string {
  return `lastSeen:>${since.toISOString()}`;
}

/** Pure: the cursor after a poll that saw these lastSeen values (it never moves back). */
export function advanceCursor(current: Date | null | undefined, seen: (Date | null | undefined)[]): Date | null {
  let newest = current ?? null;
  for (const value of seen) if (value && (!newest || value > newest)) newest = value;
  return newest;
}
