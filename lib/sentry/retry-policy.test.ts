import { describe, expect, it } from "vitest";
import { decideRetry, parseRetryAfter, rateLimitPauseMs, resetAfterMs, type RetryPolicy } from "./retry-policy";

const POLICY: RetryPolicy = { maxAttempts: 3, baseBackoffMs: 500, maxBackoffMs: 1_500, maxRateLimitWaitMs: 10_000 };
const NOW = new Date("2026-03-01T12:00:00.000Z");

describe("decideRetry", () => {
  it("backs off exponentially after server errors, timeouts and network errors", () => {
    expect(decideRetry({ kind: "server_error", status: 503 }, 1, POLICY)).toEqual({ retry: true, waitMs: 500 });
    expect(decideRetry({ kind: "timeout" }, 2, POLICY)).toEqual({ retry: true, waitMs: 1_000 });
    expect(decideRetry({ kind: "network" }, 1, { ...POLICY, maxAttempts: 10 })).toEqual({ retry: true, waitMs: 500 });
  });

  it("caps the backoff", () => {
    expect(decideRetry({ kind: "timeout" }, 5, { ...POLICY, maxAttempts: 10 })).toEqual({ retry: true, waitMs: 1_500 });
  });

  it("stops after the last attempt", () => {
    expect(decideRetry({ kind: "server_error", status: 500 }, 3, POLICY)).toEqual({ retry: false, reason: "attempts_exhausted" });
    expect(decideRetry({ kind: "rate_limited", retryAfterMs: 1 }, 3, POLICY)).toEqual({ retry: false, reason: "attempts_exhausted" });
  });

  it("waits exactly what a 429's Retry-After asks", () => {
    expect(decideRetry({ kind: "rate_limited", retryAfterMs: 2_000 }, 1, POLICY)).toEqual({ retry: true, waitMs: 2_000 });
  });

  it("gives up instead of waiting longer than the cap for a 429", () => {
    expect(decideRetry({ kind: "rate_limited", retryAfterMs: 60_000 }, 1, POLICY)).toEqual({ retry: false, reason: "wait_too_long" });
  });

  it("backs off on a 429 without Retry-After", () => {
    expect(decideRetry({ kind: "rate_limited", retryAfterMs: null }, 2, POLICY)).toEqual({ retry: true, waitMs: 1_000 });
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3", NOW)).toBe(3_000);
    expect(parseRetryAfter(" 0.5 ", NOW)).toBe(500);
    expect(parseRetryAfter("0", NOW)).toBe(0);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:00:10 GMT", NOW)).toBe(10_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).toBe(0);
  });

  it("is null when absent or unreadable", () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter("", NOW)).toBeNull();
    expect(parseRetryAfter("soon", NOW)).toBeNull();
  });
});

describe("rateLimitPauseMs", () => {
  const inSeconds = (s: number) => String(NOW.getTime() / 1000 + s);

  it("pauses until the window resets when no calls are left", () => {
    expect(rateLimitPauseMs({ remaining: "0", reset: inSeconds(4) }, NOW, POLICY)).toBe(4_000);
  });

  it("does not pause while calls remain, or without headers", () => {
    expect(rateLimitPauseMs({ remaining: "7", reset: inSeconds(4) }, NOW, POLICY)).toBe(0);
    expect(rateLimitPauseMs({ remaining: null, reset: null }, NOW, POLICY)).toBe(0);
    expect(rateLimitPauseMs({ remaining: "0", reset: null }, NOW, POLICY)).toBe(0);
  });

  it("caps the pause so a far-away reset cannot stall the caller", () => {
    expect(rateLimitPauseMs({ remaining: "0", reset: inSeconds(3600) }, NOW, POLICY)).toBe(10_000);
  });

  it("does not pause for a reset already in the past", () => {
    expect(rateLimitPauseMs({ remaining: "0", reset: inSeconds(-5) }, NOW, POLICY)).toBe(0);
  });
});

describe("resetAfterMs", () => {
  it("ignores values that are not epoch seconds", () => {
    expect(resetAfterMs("tomorrow", NOW)).toBeNull();
    expect(resetAfterMs(undefined, NOW)).toBeNull();
  });
});
