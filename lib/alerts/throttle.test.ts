import { describe, expect, it } from "vitest";
import { decideDelivery, reAlertDue, windowActive } from "./throttle";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 10, minutes));
const policy = { throttleSeconds: 300 };

describe("decideDelivery", () => {
  it("sends the first alert of a group, suppresses repeats within the window, sends again after it", () => {
    expect(decideDelivery({ resolves: false }, { lastAlertAt: null, open: false }, policy, at(0))).toEqual({ send: true, reason: "first" });
    expect(decideDelivery({ resolves: false }, { lastAlertAt: at(0), open: true }, policy, at(4))).toEqual({ send: false, reason: "throttled" });
    expect(decideDelivery({ resolves: false }, { lastAlertAt: at(0), open: true }, policy, at(5))).toEqual({ send: true, reason: "after_window" });
  });

  it("sends a resolve only where the group is open, even during maintenance", () => {
    expect(decideDelivery({ resolves: true }, { lastAlertAt: at(0), open: true }, policy, at(1), true)).toEqual({ send: true, reason: "resolve" });
    expect(decideDelivery({ resolves: true }, { lastAlertAt: at(0), open: false }, policy, at(1))).toEqual({ send: false, reason: "nothing_to_resolve" });
    expect(decideDelivery({ resolves: true }, { lastAlertAt: null, open: false }, policy, at(1))).toEqual({ send: false, reason: "nothing_to_resolve" });
  });

  it("holds alerts in a maintenance window", () => {
    expect(decideDelivery({ resolves: false }, { lastAlertAt: null, open: false }, policy, at(0), true)).toEqual({ send: false, reason: "maintenance" });
  });
});

describe("reAlertDue", () => {
  it("re-announces an open group every interval, never a closed one or without an interval", () => {
    expect(reAlertDue({ lastAlertAt: at(0), open: true }, 1800, at(29))).toBe(false);
    expect(reAlertDue({ lastAlertAt: at(0), open: true }, 1800, at(30))).toBe(true);
    expect(reAlertDue({ lastAlertAt: at(0), open: false }, 1800, at(45))).toBe(false);
    expect(reAlertDue({ lastAlertAt: at(0), open: true }, null, at(59))).toBe(false);
  });
});

describe("windowActive", () => {
  it("covers its start and stops at its end", () => {
    const window = { startsAt: at(10), endsAt: at(20) };
    expect([9, 10, 19, 20].map((minute) => windowActive(window, at(minute)))).toEqual([false, true, true, false]);
  });
});
