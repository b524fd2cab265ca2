import { getSql, newId, NotifyDebouncer, type SqlTx } from "@/lib/db";
import * as Sentry from "@/lib/telemetry";
import { CONSUMERS_OF, type OutboxEventInput } from "./topics";

/** The PostgreSQL channel that wakes outbox drainers (`NOTIFY outbox`). */
export const OUTBOX_CHANNEL = "outbox";

/**
 * Writes events and one handling per consumer in the caller's transaction, deferred into its
 * next statement (no extra round trip on the intake's hot path). The events exist exactly when
 * the change does: a crash after the commit leaves them for the next drain, a rollback takes
 * them away with the change. The current trace goes with them, so the work they cause joins
 * the trace of the request that caused it. Call `announceOutboxEvents` after the commit.
 */
export function emitOutboxEvents(tx: SqlTx, events: OutboxEventInput[], at: Date = new Date()): number {
  if (events.length === 0) return 0;
  const trace = Sentry.getTraceData();
  const rows = events.map((event) => ({ id: newId(at.getTime()), ...event }));
  tx.defer(
    `INSERT INTO "OutboxEvent" ("id", "topic", "streamKey", "payload", "sentryTrace", "baggage", "createdAt")
     SELECT e->>'id', e->>'topic', e->>'streamKey', e->'payload', $2, $3, $4 FROM jsonb_array_elements($1::jsonb) AS e`,
    [JSON.stringify(rows), trace["sentry-trace"] ?? null, trace.baggage ?? null, at],
  );
  // One row per consumer, in the order the events happened: `seq` orders a stream.
  const handlings = rows.flatMap((row) => CONSUMERS_OF[row.topic].map((consumer) => ({ eventId: row.id, consumer, streamKey: row.streamKey })));
  tx.defer(
    `INSERT INTO "OutboxHandling" ("eventId", "consumer", "streamKey", "availableAt", "createdAt")
     SELECT h->>'eventId', h->>'consumer', h->>'streamKey', $2, $2 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(h, n) ORDER BY n`,
    [JSON.stringify(handlings), at],
  );
  return rows.length;
}

type OutboxListener = () => void;
const localListeners: Set<OutboxListener> = ((globalThis as { __opsOutboxListeners?: Set<OutboxListener> }).__opsOutboxListeners ??= new Set());

/** Drainers in this process (the in-process worker; the embedded database cannot LISTEN) wake on these. */
export function onLocalOutboxAnnouncement(listener: OutboxListener): () => void {
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

// A NOTIFY per commit would serialise the intake's commits (PostgreSQL takes one lock for
// every notifying commit); one per burst wakes the drainers just as well, since a woken
// drainer drains until nothing is left.
const debouncer: NotifyDebouncer = ((globalThis as { __opsOutboxNotify?: NotifyDebouncer }).__opsOutboxNotify ??= new NotifyDebouncer(25, async () => {
  await (await getSql()).query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}));

/**
 * After the commit of a transaction that emitted events: wakes the drainers, here and in other
 * processes. Never awaited by the request and never fails it: an announcement that is lost
 * only delays the events until the drainers' next poll.
 */
export function announceOutboxEvents(): void {
  for (const listener of localListeners) listener();
  if (debouncer.claimInline()) debouncer.sendNow();
  else debouncer.afterCommit();
}
