/**
 * The one backoff policy for everything that retries in the background (jobs, outbox
 * handlings): exponential with full jitter. Pure; callers pass the random number.
 */
export { decideRetryAfterFailure, DEFAULT_BACKOFF, type BackoffPolicy, type RetryDecision } from "./backoff";
