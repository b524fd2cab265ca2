import { describe, expect, it } from "vitest";
import { decideSlot, slotStartOf, type SlotHolder } from "./slots";

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

function holder(fields: Partial<SlotHolder> & { slotStart: Date }): SlotHolder {
  return { runner: "standalone:a:1", attempt: 1, leaseExpiresAt: new Date(fields.slotStart.getTime() + 30_000), finishedAt: null, ...fields };
}

describe("slotStartOf", () => {
  it("aligns slots to the epoch, so every host agrees on them", () => {
    expect(slotStartOf(at("2026-12-02T10:07:59.999Z"), 5 * MINUTE)).toEqual(at("2026-12-02T10:05:00Z"));
    expect(slotStartOf(at("2026-12-02T10:10:00Z"), 5 * MINUTE)).toEqual(at("2026-12-02T10:10:00Z"));
    expect(slotStartOf(at("2026-12-02T10:59:00Z"), 60 * MINUTE)).toEqual(at("2026-12-02T10:00:00Z"));
    expect(slotStartOf(at("2026-12-02T10:00:04.5Z"), 2_000)).toEqual(at("2026-12-02T10:00:04Z"));
  });
});

describe("decideSlot", () => {
  const now = at("2026-12-02T10:07:30Z");
  const current = at("2026-12-02T10:05:00Z");
  const previous = at("2026-12-02T10:00:00Z");

  it("claims the current slot of a task that never ran", () => {
    expect(decideSlot(null, now, 5 * MINUTE)).toEqual({ action: "claim", slotStart: current });
  });

  it("claims the current slot once the previous one finished", () => {
    const done = holder({ slotStart: previous, finishedAt: at("2026-12-02T10:00:03Z") });
    expect(decideSlot(done, now, 5 * MINUTE)).toEqual({ action: "claim", slotStart: current });
  });

  it("skips a slot another runner finished, naming it", () => {
    const done = holder({ slotStart: current, runner: "cron", finishedAt: at("2026-12-02T10:05:02Z") });
    expect(decideSlot(done, now, 5 * MINUTE)).toEqual({ action: "skip", slotStart: current, reason: "slot taken by cron" });
  });

  it("skips a slot another runner holds under a live lease", () => {
    const running = holder({ slotStart: current, leaseExpiresAt: at("2026-12-02T10:07:30.001Z") });
    expect(decideSlot(running, now, 5 * MINUTE)).toMatchObject({ action: "skip", reason: "slot taken by standalone:a:1 (still running)" });
  });

  it("takes over the current slot once its unfinished holder's lease has expired", () => {
    const crashed = holder({ slotStart: current, attempt: 2, leaseExpiresAt: now });
    expect(decideSlot(crashed, now, 5 * MINUTE)).toEqual({ action: "take-over", slotStart: current, from: crashed });
    // One millisecond earlier the lease still held.
    expect(decideSlot(crashed, new Date(now.getTime() - 1), 5 * MINUTE).action).toBe("skip");
  });

  it("does not start a new slot while the previous one still runs under a live lease", () => {
    const slow = holder({ slotStart: previous, leaseExpiresAt: at("2026-12-02T10:08:00Z") });
    expect(decideSlot(slow, now, 5 * MINUTE)).toEqual({ action: "skip", slotStart: current, reason: "previous slot still running on standalone:a:1" });
  });

  it("claims the current slot when the previous slot's holder died (its lease expired) rather than re-running the past slot", () => {
    const dead = holder({ slotStart: previous, leaseExpiresAt: at("2026-12-02T10:01:00Z") });
    expect(decideSlot(dead, now, 5 * MINUTE)).toEqual({ action: "claim", slotStart: current });
  });

  it("skips when a later slot is already taken (this host's clock is behind)", () => {
    const ahead = holder({ slotStart: at("2026-12-02T10:10:00Z"), runner: "cron", finishedAt: at("2026-12-02T10:10:01Z") });
    expect(decideSlot(ahead, now, 5 * MINUTE)).toMatchObject({ action: "skip", reason: "slot taken by cron (a later slot, 2026-12-02T10:10:00.000Z)" });
  });
});
