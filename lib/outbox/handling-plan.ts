import { decideRetryAfterFailure, type BackoffPolicy } from "@/lib/retry";

/** Attempts per handling before it is dead: with the backoff below, about half an hour. */
export const MAX_HANDLING_ATTEMPTS = 8;
export const HANDLING_BACKOFF: BackoffPolicy = { baseSeconds: 2, maxSeconds: 10 * 60 };

export type HandlingEnd = { status: "retry"; availableAt: Date } | { status: "dead" };

/**
 * Pure: what becomes of a handling whose consumer threw on `attempt` (1-based). The shared
 * full-jitter backoff, so handlings that failed together (a database blip) spread out.
 */
export function planFailedHandling(attempt: number, now: Date, random: number, maxAttempts = MAX_HANDLING_ATTEMPTS): HandlingEnd {
  const decision = decideRetryAfterFailure(attempt, maxAttempts, random, HANDLING_BACKOFF);
  if (!decision.retry) return { status: "dead" };
  return { status: "retry", availableAt: new Date(now.getTime() + decision.delaySeconds * 1000) };
}
