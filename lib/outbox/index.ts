/**
 * The transactional outbox: changes that something reacts to are written as events in the
 * transaction of the change, and consumers (rules, alerts, the remediation loop) handle each
 * event once, later, off the request path, in order per stream, retried with backoff.
 */
export { OUTBOX_TOPICS, OUTBOX_CONSUMERS, CONSUMERS_OF, RETRY_POLICY_OF, type ConsumerRetryPolicy, type OutboxTopic, type OutboxConsumerName, type OutboxEventInput, type OutboxEventRecord, type OutboxHandler, type OutboxConsumers } from "./topics";
export { emitOutboxEvents, announceOutboxEvents, onLocalOutboxAnnouncement, OUTBOX_CHANNEL } from "./write";
export { drainOutbox, type DrainOptions, type DrainResult } from "./drain";
export { planFailedHandling, retryPolicyOf, MAX_HANDLING_ATTEMPTS } from "./handling-plan";
export { getOutboxStatus, retryDeadHandling, type OutboxStatus, type ConsumerBacklog, type DeadHandling } from "./queries";
