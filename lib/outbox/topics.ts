/**
 * The outbox's vocabulary: what changes are announced, and which consumers react to each.
 * Consumers are listed here, not registered at run time, because the writer (a webhook
 * request, the poller) must create one handling per consumer in the change's own transaction,
 * whether or not the process writing it runs any consumer.
 */
import type { BackoffPolicy } from "@/lib/retry";

export const OUTBOX_TOPICS = ["issue.changed", "metric_alert.changed", "job.resolve_requested", "alert.delivery"] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

export const OUTBOX_CONSUMERS = ["rules", "alerts", "loop", "loop-resolve", "alert-send"] as const;
export type OutboxConsumerName = (typeof OUTBOX_CONSUMERS)[number];

/**
 * rules: remediation rules; alerts: new-issue and metric alert events; loop: regressions of
 * verified fixes; loop-resolve: resolving a remediated issue in Sentry; alert-send: sending one
 * alert delivery to its channel.
 */
export const CONSUMERS_OF: Record<OutboxTopic, readonly OutboxConsumerName[]> = {
  "issue.changed": ["rules", "alerts", "loop"],
  "metric_alert.changed": ["rules", "alerts"],
  "job.resolve_requested": ["loop-resolve"],
  "alert.delivery": ["alert-send"],
};

/** How often, and how far apart, a consumer's handling is tried before it is dead. */
export interface ConsumerRetryPolicy {
  maxAttempts: number;
  backoff: BackoffPolicy;
}

/**
 * Consumers that talk to someone else's service wait longer between attempts than the
 * default (which is sized for a database blip): a receiver's outage lasts minutes.
 * loop-resolve: 5 attempts, 30 s doubling to 10 min (Sentry's API); alert-send: 8 attempts,
 * 30 s doubling to 30 min, about an hour at most before a delivery is given up as failed.
 */
export const RETRY_POLICY_OF: Partial<Record<OutboxConsumerName, ConsumerRetryPolicy>> = {
  "loop-resolve": { maxAttempts: 5, backoff: { baseSeconds: 30, maxSeconds: 10 * 60 } },
  "alert-send": { maxAttempts: 8, backoff: { baseSeconds: 30, maxSeconds: 30 * 60 } },
};

/** An event as a writer describes it. */
export interface OutboxEventInput {
  topic: OutboxTopic;
  /** Events with the same key are handled in order, one at a time per consumer. */
  streamKey: string;
  payload: Record<string, unknown>;
}

/** An event as a consumer receives it. */
export interface OutboxEventRecord {
  id: string;
  topic: OutboxTopic;
  streamKey: string;
  payload: unknown;
  sentryTrace: string | null;
  baggage: string | null;
  createdAt: Date;
  /** This handling's attempt, 1-based. */
  attempt: number;
  /** The consumer's last allowed attempt: a consumer that must record a give-up does it when `attempt` reaches it. */
  maxAttempts: number;
}

export type OutboxHandler = (event: OutboxEventRecord) => Promise<void>;
export type OutboxConsumers = Partial<Record<OutboxConsumerName, OutboxHandler>>;
