/**
 * Pure decisions about retrying a Sentry API call and pacing the next one. Every wait is
 * bounded so that a poll or a job step cannot hang on Sentry: the worst case for one call is
 * `maxAttempts × (apiTimeoutMs + max wait)`.
 */
export interface RetryPolicy {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Backoff before retrying a 5xx, timeout or network error: base × 2^(attempt-1), capped. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** The longest a 429's Retry-After (or a rate-limit reset) is waited for; longer gives up. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseBackoffMs: 500,
  maxBackoffMs: 4_000,
  maxRateLimitWaitMs: 30_000,
};

/** How one attempt failed, as far as retrying is concerned. */
export type FailedAttempt =
  | { kind: "rate_limited"; retryAfterMs: number | null }
  | { kind: "server_error"; status: number }
  | { kind: "timeout" }
  | { kind: "network" };

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: "attempts_exhausted" | "wait_too_long" };

/** Pure: whether to try again after `attempt` (1-based) failed, and how long to wait first. */
export function decideRetry(failure: FailedAttempt, attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (attempt >= policy.maxAttempts) return { retry: false, reason: "attempts_exhausted" };
  const backoff = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** (attempt - 1));
  if (failure.kind !== "rate_limited") return { retry: true, waitMs: backoff };
  const waitMs = failure.retryAfterMs ?? backoff;
  if (waitMs > policy.maxRateLimitWaitMs) return { retry: false, reason: "wait_too_long" };
  return { retry: true, waitMs: Math.max(0, waitMs) };
}

/**
 * Pure: a `Retry-After` value in milliseconds. HTTP allows delay-seconds or an HTTP date;
 * Sentry sends seconds. Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}

/**
 * Pure: how long to wait before the next call, from the rate-limit headers of the last
 * response. Sentry sends `X-Sentry-Rate-Limit-Remaining` (calls left in the window) and
 * `X-Sentry-Rate-Limit-Reset` (when the window resets, UTC epoch seconds); with nothing left
 * the next call would only earn a 429. Capped at `maxRateLimitWaitMs`.
 */
export function rateLimitPauseMs(
  headers: { remaining: string | null; reset: string | null },
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number {
  if (headers.remaining === null || headers.remaining.trim() === "" || Number(headers.remaining) > 0) return 0;
  const resetMs = resetAfterMs(headers.reset, now);
  if (resetMs === null) return 0;
  return Math.min(resetMs, policy.maxRateLimitWaitMs);
}

/** Pure: milliseconds until an `X-Sentry-Rate-Limit-Reset` epoch-seconds value, or null. */
export function resetAfterMs(reset: string | null | undefined, now: Date): number | null {
  if (reset === null || reset === undefined || !/^\d+(\.\d+)?$/.test(reset.trim())) return null;
  return Math.max(0, Math.ceil(Number(reset) * 1000 - now.getTime()));
}
