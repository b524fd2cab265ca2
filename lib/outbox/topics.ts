/**
 * The outbox's vocabulary: what changes are announced, and which consumers react to each.
 * Consumers are listed here, not registered at run time, because the writer (a webhook
 * request, the poller) must create one handling per consumer in the change's own transaction,
 * whether or not the process writing it runs any consumer.
 */
export const OUTBOX_TOPICS = ["issue.changed", "metric_alert.changed"] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

export const OUTBOX_CONSUMERS = ["rules", "alerts", "loop"] as const;
export type OutboxConsumerName = (typeof OUTBOX_CONSUMERS)[number];

/** rules: remediation rules; alerts: new-issue and metric alert events; loop: regressions of verified fixes. */
export const CONSUMERS_OF: Record<OutboxTopic, readonly OutboxConsumerName[]> = {
  "issue.changed": ["rules", "alerts", "loop"],
  "metric_alert.changed": ["rules", "alerts"],
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
}

export type OutboxHandler = (event: OutboxEventRecord) => Promise<void>;
export type OutboxConsumers = Partial<Record<OutboxConsumerName, OutboxHandler>>;
