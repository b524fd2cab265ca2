/**
 * Pure: which slot of a periodic tick task is current, and whether this pass may run it.
 * Slots are aligned to the epoch (a 5-minute slot starts at :00, :05, …), so every worker and
 * the cron tick agree on them without talking to each other; the row of a slot (slot-store.ts)
 * says who took it.
 */

/** The newest slot row of a task, as the decision needs it. */
export interface SlotHolder {
  slotStart: Date;
  runner: string;
  attempt: number;
  leaseExpiresAt: Date;
  finishedAt: Date | null;
}

export type SlotDecision =
  | { action: "claim"; slotStart: Date }
  /** The holder of the current slot stopped renewing its lease before finishing: it crashed. */
  | { action: "take-over"; slotStart: Date; from: SlotHolder }
  | { action: "skip"; slotStart: Date; reason: string };

export function slotStartOf(now: Date, slotMs: number): Date {
  return new Date(Math.floor(now.getTime() / slotMs) * slotMs);
}

/**
 * Given the task's newest slot row (or none), what a pass at `now` does with the current slot:
 * claim it, take it over from a holder whose lease expired, or skip it. A previous slot still
 * running under a live lease also means skip: the task must not run twice at once, even
 * across a slot boundary.
 */
export function decideSlot(latest: SlotHolder | null, now: Date, slotMs: number): SlotDecision {
  const slotStart = slotStartOf(now, slotMs);
  if (!latest) return { action: "claim", slotStart };
  const leaseLive = latest.finishedAt === null && latest.leaseExpiresAt.getTime() > now.getTime();
  const current = latest.slotStart.getTime() === slotStart.getTime();
  if (latest.slotStart.getTime() > slotStart.getTime()) {
    // Another host's clock is ahead of this one (or the slot length just got shorter).
    return { action: "skip", slotStart, reason: `slot taken by ${latest.runner} (a later slot, ${latest.slotStart.toISOString()})` };
  }
  if (current) {
    if (latest.finishedAt) return { action: "skip", slotStart, reason: `slot taken by ${latest.runner}` };
    if (leaseLive) return { action: "skip", slotStart, reason: `slot taken by ${latest.runner} (still running)` };
    return { action: "take-over", slotStart, from: latest };
  }
  if (leaseLive) return { action: "skip", slotStart, reason: `previous slot still running on ${latest.runner}` };
  return { action: "claim", slotStart };
}
