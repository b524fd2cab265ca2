import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotifyDebouncer } from "./notify-debouncer";

describe("NotifyDebouncer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets the first submission of a window notify inline and the rest wait for one trailing notification", async () => {
    const sent: number[] = [];
    const debouncer = new NotifyDebouncer(20, async () => void sent.push(Date.now()));
    expect(debouncer.claimInline()).toBe(true);
    expect(debouncer.claimInline()).toBe(false);
    debouncer.afterCommit();
    expect(debouncer.claimInline()).toBe(false);
    debouncer.afterCommit();
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(sent).toHaveLength(1);
    // The trailing notification opened a new window.
    expect(debouncer.claimInline()).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(debouncer.claimInline()).toBe(true);
  });

  it("never leaves a submission that did not notify without a notification after its commit", async () => {
    const sent: number[] = [];
    const debouncer = new NotifyDebouncer(20, async () => void sent.push(Date.now()));
    debouncer.claimInline();
    await vi.advanceTimersByTimeAsync(19);
    expect(debouncer.claimInline()).toBe(false);
    // Its insert commits late, after the window it fell in.
    await vi.advanceTimersByTimeAsync(30);
    const committedAt = Date.now();
    debouncer.afterCommit();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeGreaterThanOrEqual(committedAt);
  });
});
