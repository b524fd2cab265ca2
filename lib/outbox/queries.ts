import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth";
import { getDb, getSql } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { OUTBOX_CONSUMERS, type OutboxConsumerName } from "./topics";
import { announceOutboxEvents } from "./write";

export interface ConsumerBacklog {
  consumer: OutboxConsumerName;
  pending: number;
  /** Age of the oldest event this consumer has not handled yet: the pipeline's lag. */
  oldestPendingAgeMs: number | null;
  dead: number;
}

export interface DeadHandling {
  seq: string;
  consumer: string;
  topic: string;
  streamKey: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface OutboxStatus {
  consumers: ConsumerBacklog[];
  dead: DeadHandling[];
}

/** For the Workers page: backlog and lag per consumer, and the dead handlings (newest first). */
export async function getOutboxStatus(now: Date = new Date(), deadLimit = 20): Promise<OutboxStatus> {
  const sql = await getSql();
  const [rows, dead] = await Promise.all([
    sql.query<{ consumer: string; pending: number; oldest: Date | null; dead: number }>(
      `SELECT "consumer",
              count(*) FILTER (WHERE "status" = 'pending')::int AS "pending",
              min("createdAt") FILTER (WHERE "status" = 'pending') AS "oldest",
              count(*) FILTER (WHERE "status" = 'dead')::int AS "dead"
       FROM "OutboxHandling" WHERE "status" <> 'done' GROUP BY "consumer"`,
    ),
    sql.query<DeadHandling>(
      `SELECT h."seq"::text AS "seq", h."consumer", e."topic", h."streamKey", h."attempts", h."lastError", h."createdAt", h."finishedAt"
       FROM "OutboxHandling" h JOIN "OutboxEvent" e ON e."id" = h."eventId"
       WHERE h."status" = 'dead' ORDER BY h."seq" DESC LIMIT $1`,
      [deadLimit],
    ),
  ]);
  const byConsumer = new Map(rows.map((row) => [row.consumer, row]));
  return {
    consumers: OUTBOX_CONSUMERS.map((consumer) => {
      const row = byConsumer.get(consumer);
      return {
        consumer,
        pending: row?.pending ?? 0,
        oldestPendingAgeMs: row?.oldest ? Math.max(0, now.getTime() - new Date(row.oldest).getTime()) : null,
        dead: row?.dead ?? 0,
      };
    }),
    dead,
  };
}

/** An operator gives a dead handling another round of attempts (after fixing its cause). */
export async function retryDeadHandling(seq: string, actor: Actor, now: Date = new Date()): Promise<void> {
  if (!/^\d{1,19}$/.test(seq)) throw new NotFound("Outbox handling");
  const db = await getDb();
  const handling = await db.outboxHandling.findUnique({ where: { seq: BigInt(seq) }, include: { event: { select: { topic: true } } } });
  if (!handling) throw new NotFound("Outbox handling");
  if (handling.status !== "dead") throw new Conflict(`This handling is ${handling.status}; only dead handlings can be retried.`);
  await db.outboxHandling.update({ where: { seq: handling.seq }, data: { status: "pending", attempts: 0, availableAt: now, finishedAt: null } });
  announceOutboxEvents();
  await recordAudit(db, {
    actor,
    action: "outbox.handling_retried",
    target: { type: "outbox_handling", id: seq },
    summary: `${handling.event.topic} → ${handling.consumer} (${handling.streamKey}) retried after: ${handling.lastError ?? "no error recorded"}`.slice(0, 500),
  });
}
