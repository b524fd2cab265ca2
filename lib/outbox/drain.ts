import { getSql } from "@/lib/db";
import * as Sentry from "@/lib/telemetry";
import { planFailedHandling, retryPolicyOf } from "./handling-plan";
import type { OutboxConsumerName, OutboxConsumers, OutboxEventRecord } from "./topics";

export interface DrainOptions {
  consumers: OutboxConsumers;
  /** Written on claimed handlings; unique per drainer run, so leases are never shared. */
  owner: string;
  now?: () => Date;
  /** Stop claiming at this time (epoch ms): the cron tick's budget. */
  deadlineAt?: number;
  /** Handlings claimed (and handled concurrently) per round; never two of one stream and consumer. */
  batchSize?: number;
  /** How long a claim is exclusive; a drainer that dies loses its handlings to another after it. */
  leaseMs?: number;
  random?: () => number;
}

export interface DrainResult {
  handled: number;
  retried: number;
  dead: number;
}

/** A claimed handling: its event's columns, and which consumer's attempt it is. */
interface ClaimedHandling extends Omit<OutboxEventRecord, "attempt" | "maxAttempts"> {
  seq: string;
  consumer: OutboxConsumerName;
  attempts: number;
}

const DEFAULT_LEASE_MS = 60_000;

/**
 * Claims the handlings that are due, in order: only the oldest pending handling of each
 * (consumer, stream) is a candidate, so the events of one issue reach a consumer one at a time
 * and in the order they happened, whichever drainer takes them. A handling under a live lease
 * is skipped; one whose lease ran out (its drainer died) is taken over.
 */
async function claimHandlings(consumers: string[], owner: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedHandling[]> {
  const sql = await getSql();
  return sql.query<ClaimedHandling>(
    `WITH claimed AS (
       UPDATE "OutboxHandling" h SET "leaseOwner" = $2, "leaseExpiresAt" = $3, "attempts" = h."attempts" + 1
       WHERE h."seq" IN (
         SELECT c."seq" FROM "OutboxHandling" c
         WHERE c."status" = 'pending' AND c."consumer" = ANY($1::text[]) AND c."availableAt" <= $4
           AND (c."leaseExpiresAt" IS NULL OR c."leaseExpiresAt" < $4)
           AND NOT EXISTS (
             SELECT 1 FROM "OutboxHandling" p
             WHERE p."consumer" = c."consumer" AND p."streamKey" = c."streamKey" AND p."status" = 'pending' AND p."seq" < c."seq")
         ORDER BY c."seq" LIMIT $5
         FOR UPDATE SKIP LOCKED)
       RETURNING h."seq", h."eventId", h."consumer", h."attempts")
     SELECT claimed."seq"::text AS "seq", claimed."consumer", claimed."attempts", e."id", e."topic", e."streamKey", e."payload", e."sentryTrace", e."baggage", e."createdAt"
     FROM claimed JOIN "OutboxEvent" e ON e."id" = claimed."eventId" ORDER BY claimed."seq"`,
    [consumers, owner, new Date(now.getTime() + leaseMs), now, limit],
  );
}

async function markDone(handling: ClaimedHandling, owner: string, now: Date): Promise<void> {
  const sql = await getSql();
  await sql.execute(
    `UPDATE "OutboxHandling" SET "status" = 'done', "finishedAt" = $3, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = NULL
     WHERE "seq" = $1::bigint AND "leaseOwner" = $2`,
    [handling.seq, owner, now],
  );
}

async function markFailed(handling: ClaimedHandling, owner: string, now: Date, error: unknown, random: number): Promise<"retried" | "dead"> {
  const sql = await getSql();
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const plan = planFailedHandling(handling.attempts, now, random, retryPolicyOf(handling.consumer));
  await sql.execute(
    `UPDATE "OutboxHandling" SET "status" = $3::"OutboxHandlingStatus", "availableAt" = COALESCE($4, "availableAt"), "finishedAt" = $5,
            "lastError" = $6, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
     WHERE "seq" = $1::bigint AND "leaseOwner" = $2`,
    [handling.seq, owner, plan.status === "dead" ? "dead" : "pending", plan.status === "retry" ? plan.availableAt : null, plan.status === "dead" ? now : null, message],
  );
  return plan.status === "dead" ? "dead" : "retried";
}

function eventOf(handling: ClaimedHandling): OutboxEventRecord {
  const { id, topic, streamKey, payload, sentryTrace, baggage, createdAt, attempts } = handling;
  return { id, topic, streamKey, payload, sentryTrace, baggage, createdAt, attempt: attempts, maxAttempts: retryPolicyOf(handling.consumer).maxAttempts };
}

/**
 * One consumer's handling of one event, inside the trace of the change that raised it, as a
 * span Sentry's Queues view understands (messaging.* attributes). Its errors are the
 * handling's: retried with backoff, then dead.
 */
async function handleOne(handling: ClaimedHandling, consumers: OutboxConsumers, owner: string, now: () => Date, random: () => number): Promise<"handled" | "retried" | "dead"> {
  const handler = consumers[handling.consumer]!;
  const event = eventOf(handling);
  try {
    await Sentry.continueTrace({ sentryTrace: handling.sentryTrace ?? undefined, baggage: handling.baggage ?? undefined }, () =>
      Sentry.startSpan(
        {
          op: "queue.process",
          name: `outbox ${handling.topic} → ${handling.consumer}`,
          attributes: {
            "messaging.system": "postgresql",
            "messaging.destination.name": handling.topic,
            "messaging.message.id": handling.id,
            "messaging.message.retry.count": handling.attempts - 1,
            "messaging.message.receive.latency": Math.max(0, now().getTime() - new Date(handling.createdAt).getTime()),
            "messaging.consumer.group.name": handling.consumer,
          },
        },
        () => handler(event),
      ),
    );
  } catch (error) {
    const outcome = await markFailed(handling, owner, now(), error, random());
    // The first failure (a new problem) and the last (it is dead) reach Sentry; the retries in
    // between would only repeat them, once per attempt of every handling of an outage.
    if (handling.attempts === 1 || outcome === "dead") {
      Sentry.captureException(error, { tags: { outboxConsumer: handling.consumer, outboxTopic: handling.topic, outboxOutcome: outcome }, extra: { eventId: handling.id, attempt: handling.attempts } });
    }
    return outcome;
  }
  await markDone(handling, owner, now());
  return "handled";
}

/**
 * Handles due outbox events until none is left (or the deadline comes). Safe to run in any
 * number of processes at once: claims are exclusive, and each consumer's effects are keyed by
 * the event (a handling retried after a crash finds its work already done).
 */
export async function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const names = Object.keys(options.consumers);
  const result: DrainResult = { handled: 0, retried: 0, dead: 0 };
  if (names.length === 0) return result;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const batchSize = options.batchSize ?? 8;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  while (options.deadlineAt === undefined || Date.now() < options.deadlineAt) {
    const claimed = await claimHandlings(names, options.owner, now(), batchSize, leaseMs);
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(claimed.map((handling) => handleOne(handling, options.consumers, options.owner, now, random)));
    for (const outcome of outcomes) result[outcome] += 1;
  }
  return result;
}
