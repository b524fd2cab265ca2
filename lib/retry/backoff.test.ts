import { describe, expect, it } from "vitest";
import { decideRetryAfterFailure } from "./backoff";

const policy = { baseSeconds: 10, maxSeconds: 300 };

describe("decideRetryAfterFailure", () => {
  it("stops when the attempts are spent", () => {
    expect(decideRetryAfterFailure(3, 3, 0.5, policy)).toEqual({ retry: false });
    expect(decideRetryAfterFailure(1, 1, 0.5, policy)).toEqual({ retry: false });
  });

  it("doubles the ceiling with each attempt and caps it", () => {
    const ceiling = (attempt: number) => (decideRetryAfterFailure(attempt, 99, 0.999999, policy) as { delaySeconds: number }).delaySeconds;
    expect([1, 2, 3, 4, 5, 6, 7].map(ceiling)).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it("spreads retries over the whole window (full jitter) but never below one second", () => {
    expect(decideRetryAfterFailure(3, 5, 0, policy)).toEqual({ retry: true, delaySeconds: 1 });
    expect(decideRetryAfterFailure(3, 5, 0.5, policy)).toEqual({ retry: true, delaySeconds: 20 });
    const delays = new Set(Array.from({ length: 50 }, (_, i) => (decideRetryAfterFailure(4, 5, i / 50, policy) as { delaySeconds: number }).delaySeconds));
    expect(delays.size).toBeGreaterThan(40);
  });
});
