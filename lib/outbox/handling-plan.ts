import { decideRetryAfterFailure, type BackoffPolicy } from "@/lib/retry";
import { RETRY_POLICY_OF, type ConsumerRetryPolicy, type OutboxConsumerName } from "./topics";

/** Attempts per handling before it is dead: with the backoff below, about half an hour. */
export const MAX_HANDLING_ATTEMPTS = 8;
export const HANDLING_BACKOFF: BackoffPolicy = { baseSeconds: 2, maxSeconds: 10 * 60 };

export const DEFAULT_RETRY_POLICY: ConsumerRetryPolicy = { maxAttempts: MAX_HANDLING_ATTEMPTS, backoff: HANDLING_BACKOFF };

/** The consumer's declared retry policy, or the default. */
export function retryPolicyOf(consumer: OutboxConsumerName): ConsumerRetryPolicy {
  return RETRY_POLICY_OF[consumer] ?? DEFAULT_RETRY_POLICY;
}

export type HandlingEnd = { status: "retry"; availableAt: Date } | { status: "dead" };

/**
 * Pure: what becomes of a handling whose consumer threw on `attempt` (1-based). The shared
 * full-jitter backoff, so handlings that failed together (a database blip) spread out.
 */
export function planFailedHandling(attempt: number, now: Date, random: number, policy: ConsumerRetryPolicy = DEFAULT_RETRY_POLICY): HandlingEnd {
  const decision = decideRetryAfterFailure(attempt, policy.maxAttempts, random, policy.backoff);
  if (!decision.retry) return { status: "dead" };
  return { status: "retry", availableAt: new Date(now.getTime() + decision.delaySeconds * 1000) };
}
