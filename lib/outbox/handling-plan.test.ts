import { describe, expect, it } from "vitest";
import { MAX_HANDLING_ATTEMPTS, planFailedHandling, retryPolicyOf } from "./handling-plan";

const now = new Date("2026-12-02T12:00:00Z");

describe("planFailedHandling", () => {
  it("retries after a jittered delay while attempts remain", () => {
    const early = planFailedHandling(1, now, 0.99);
    expect(early).toEqual({ status: "retry", availableAt: new Date(now.getTime() + 2_000) });
    const later = planFailedHandling(5, now, 0.5);
    expect(later.status).toBe("retry");
    expect((later as { availableAt: Date }).availableAt.getTime() - now.getTime()).toBe(16_000);
  });

  it("is dead after the last attempt, never dropped silently", () => {
    expect(planFailedHandling(MAX_HANDLING_ATTEMPTS, now, 0.5)).toEqual({ status: "dead" });
    expect(planFailedHandling(3, now, 0.5, { maxAttempts: 3, backoff: { baseSeconds: 2, maxSeconds: 60 } })).toEqual({ status: "dead" });
  });

  it("uses a consumer's own policy where it declares one, and the default elsewhere", () => {
    expect(retryPolicyOf("rules").maxAttempts).toBe(MAX_HANDLING_ATTEMPTS);
    const resolve = retryPolicyOf("loop-resolve");
    expect(resolve.maxAttempts).toBe(5);
    expect(planFailedHandling(4, now, 0.999999, resolve)).toEqual({ status: "retry", availableAt: new Date(now.getTime() + 240_000) });
    expect(planFailedHandling(5, now, 0.5, resolve)).toEqual({ status: "dead" });
  });
});
