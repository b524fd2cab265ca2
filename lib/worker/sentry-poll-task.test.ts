import { describe, expect, it } from "vitest";
import { pollIsDue } from "./sentry-poll-task";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

describe("pollIsDue", () => {
  it("polls when a project was never polled", () => {
    expect(pollIsDue([], 1, now, 5)).toBe(true);
    expect(pollIsDue([minutesAgo(1), null], 2, now, 5)).toBe(true);
    expect(pollIsDue([minutesAgo(1)], 2, now, 5)).toBe(true);
  });

  it("waits for the interval from the oldest project's last poll", () => {
    expect(pollIsDue([minutesAgo(1), minutesAgo(4)], 2, now, 5)).toBe(false);
    expect(pollIsDue([minutesAgo(1), minutesAgo(5)], 2, now, 5)).toBe(true);
  });

  it("never polls without projects", () => {
    expect(pollIsDue([], 0, now, 5)).toBe(false);
  });
});
