/**
 * Pure: when a failed attempt runs again. Exponential backoff with "full jitter" (a random
 * delay between 0 and the exponential cap, as AWS's architecture blog recommends), so a batch
 * of jobs that failed together — say, against the same down database — does not retry in
 * lockstep and knock it over again.
 */
export interface BackoffPolicy {
  baseSeconds: number;
  maxSeconds: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseSeconds: 10, maxSeconds: 15 * 60 };

export type RetryDecision = { retry: true; delaySeconds: number } | { retry: false };

/**
 * `attempt` is the 1-based attempt that just failed; `random` is in [0, 1). At least one second
 * always passes, so a retry never lands in the same instant as its failure.
 */
export function decideRetryAfterFailure(attempt: number, maxAttempts: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): RetryDecision {
  if (attempt >= maxAttempts) return { retry: false };
  const cap = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (attempt - 1));
  return { retry: true, delaySeconds: Math.max(1, Math.round(cap * random)) };
}
