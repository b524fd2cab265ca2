import { describe, expect, it } from "vitest";
import { crontabProblem, describeSchedule, isKnownTimezone, nextExpectedAt, overdueSlots } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("nextExpectedAt", () => {
  it("is the first crontab match strictly after the check-in's minute", () => {
    expect(nextExpectedAt({ type: "crontab", value: "* * * * *" }, "UTC", at("2026-11-24T10:00:30Z")).toISOString()).toBe("2026-11-24T10:01:00.000Z");
    expect(nextExpectedAt({ type: "crontab", value: "0 * * * *" }, "UTC", at("2026-11-24T10:00:00Z")).toISOString()).toBe("2026-11-24T11:00:00.000Z");
    expect(nextExpectedAt({ type: "crontab", value: "*/15 * * * *" }, "UTC", at("2026-11-24T10:14:59.999Z")).toISOString()).toBe("2026-11-24T10:15:00.000Z");
  });

  it("reads a crontab in the monitor's timezone", () => {
    // 09:00 in Berlin is 08:00 UTC in winter.
    expect(nextExpectedAt({ type: "crontab", value: "0 9 * * *" }, "Europe/Berlin", at("2026-11-24T07:00:00Z")).toISOString()).toBe("2026-11-24T08:00:00.000Z");
  });

  it("keeps local wall-clock time across a spring-forward DST change", () => {
    // New York: EST (UTC-5) until 2026-03-08 02:00, then EDT (UTC-4).
    const schedule = { type: "crontab" as const, value: "0 9 * * *" };
    const before = nextExpectedAt(schedule, "America/New_York", at("2026-03-07T15:00:00Z"));
    expect(before.toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(nextExpectedAt(schedule, "America/New_York", at("2026-03-06T15:00:00Z")).toISOString()).toBe("2026-03-07T14:00:00.000Z");
  });

  it("keeps local wall-clock time across a fall-back DST change", () => {
    const schedule = { type: "crontab" as const, value: "0 9 * * *" };
    // 2026-11-01 02:00 EDT -> 01:00 EST.
    expect(nextExpectedAt(schedule, "America/New_York", at("2026-10-31T14:00:00Z")).toISOString()).toBe("2026-11-01T14:00:00.000Z");
    expect(nextExpectedAt(schedule, "America/New_York", at("2026-10-30T14:00:00Z")).toISOString()).toBe("2026-10-31T13:00:00.000Z");
  });

  it("adds an interval to the check-in's minute, calendar-aware for months", () => {
    expect(nextExpectedAt({ type: "interval", value: 5, unit: "minute" }, "UTC", at("2026-11-24T10:00:42Z")).toISOString()).toBe("2026-11-24T10:05:00.000Z");
    expect(nextExpectedAt({ type: "interval", value: 2, unit: "hour" }, "UTC", at("2026-11-24T23:30:00Z")).toISOString()).toBe("2026-11-25T01:30:00.000Z");
    expect(nextExpectedAt({ type: "interval", value: 1, unit: "week" }, "UTC", at("2026-11-24T00:00:00Z")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(nextExpectedAt({ type: "interval", value: 1, unit: "month" }, "UTC", at("2026-01-15T00:00:00Z")).toISOString()).toBe("2026-02-15T00:00:00.000Z");
    expect(nextExpectedAt({ type: "interval", value: 1, unit: "year" }, "UTC", at("2026-06-01T00:00:00Z")).toISOString()).toBe("2027-06-01T00:00:00.000Z");
  });

  it("computes an unknown timezone in UTC instead of failing", () => {
    expect(isKnownTimezone("America/Los_Angles")).toBe(false);
    expect(nextExpectedAt({ type: "crontab", value: "0 9 * * *" }, "America/Los_Angles", at("2026-11-24T07:00:00Z")).toISOString()).toBe("2026-11-24T09:00:00.000Z");
  });
});

describe("overdueSlots", () => {
  const everyMinute = { type: "crontab" as const, value: "* * * * *" };

  it("reports nothing until now passes expected + margin", () => {
    const input = { schedule: everyMinute, timezone: "UTC", nextExpectedAt: at("2026-11-24T10:01:00Z"), checkinMarginMinutes: 2 };
    expect(overdueSlots(input, at("2026-11-24T10:03:00Z")).missed).toEqual([]);
    const late = overdueSlots(input, at("2026-11-24T10:03:01Z"));
    expect(late.missed.map((date) => date.toISOString())).toEqual(["2026-11-24T10:01:00.000Z"]);
    expect(late.nextExpectedAt.toISOString()).toBe("2026-11-24T10:02:00.000Z");
  });

  it("records each missed run and expects the next one whose margin has not passed", () => {
    const input = { schedule: { type: "interval" as const, value: 10, unit: "minute" as const }, timezone: "UTC", nextExpectedAt: at("2026-11-24T10:00:00Z"), checkinMarginMinutes: 1 };
    const result = overdueSlots(input, at("2026-11-24T10:30:30Z"));
    expect(result.missed.map((date) => date.toISOString())).toEqual(["2026-11-24T10:00:00.000Z", "2026-11-24T10:10:00.000Z", "2026-11-24T10:20:00.000Z"]);
    expect(result.nextExpectedAt.toISOString()).toBe("2026-11-24T10:30:00.000Z");
  });

  it("caps the missed check-ins of a long silence and jumps to the present", () => {
    const input = { schedule: everyMinute, timezone: "UTC", nextExpectedAt: at("2026-11-20T00:00:00Z"), checkinMarginMinutes: 1 };
    const now = at("2026-11-24T10:00:30Z");
    const result = overdueSlots(input, now, 60);
    expect(result.missed).toHaveLength(60);
    expect(result.nextExpectedAt.getTime() + 60_000).toBeGreaterThanOrEqual(now.getTime());
    expect(result.nextExpectedAt.getTime()).toBeLessThanOrEqual(now.getTime() + 60_000);
  });
});

describe("crontabProblem", () => {
  it("accepts five fields and Sentry's nicknames, refuses the rest", () => {
    expect(crontabProblem("0 * * * *")).toBeUndefined();
    expect(crontabProblem("@daily")).toBeUndefined();
    expect(crontabProblem("* * *")).toMatch(/5 fields/);
    expect(crontabProblem("0 * * * * *")).toMatch(/5 fields/);
    expect(crontabProblem("61 * * * *")).toMatch(/not a valid crontab/);
  });

  it("describes schedules for people", () => {
    expect(describeSchedule({ type: "interval", value: 1, unit: "minute" })).toBe("every minute");
    expect(describeSchedule({ type: "interval", value: 5, unit: "day" })).toBe("every 5 days");
    expect(describeSchedule({ type: "crontab", value: "0 * * * *" }, "Europe/Berlin")).toBe("0 * * * * (Europe/Berlin)");
  });
});
