/**
 * Whether one event goes out on one route's channel, given what that channel last sent for the
 * event's group (its groupKey). Pure: the caller reads the history and passes a `now`.
 */
export interface GroupHistory {
  /** When the last alert (not a resolve) for this group went out on this route and channel. */
  lastAlertAt: Date | null;
  /** Whether the group is open there: alerted and not resolved since. */
  open: boolean;
}

export interface ThrottlePolicy {
  /** One alert per group per this many seconds; repeats inside it are suppressed. */
  throttleSeconds: number;
}

export type DeliveryDecision = { send: true; reason: "first" | "after_window" | "resolve" } | { send: false; reason: "throttled" | "nothing_to_resolve" | "maintenance" };

export function decideDelivery(event: { resolves: boolean }, history: GroupHistory, policy: ThrottlePolicy, now: Date, inMaintenance = false): DeliveryDecision {
  // A resolve goes out only where its alert went (PagerDuty needs the resolve to close the
  // incident it opened; a "recovered" nobody heard of the failure of is noise).
  if (event.resolves) return history.open ? { send: true, reason: "resolve" } : { send: false, reason: "nothing_to_resolve" };
  if (inMaintenance) return { send: false, reason: "maintenance" };
  if (!history.lastAlertAt) return { send: true, reason: "first" };
  const sinceMs = now.getTime() - history.lastAlertAt.getTime();
  return sinceMs >= policy.throttleSeconds * 1000 ? { send: true, reason: "after_window" } : { send: false, reason: "throttled" };
}

/**
 * Whether a group still open should be announced again with no new event: once every
 * `reAlertSeconds` after its last alert (null: never).
 */
export function reAlertDue(history: GroupHistory, reAlertSeconds: number | null, now: Date): boolean {
  if (reAlertSeconds === null || !history.open || !history.lastAlertAt) return false;
  return now.getTime() - history.lastAlertAt.getTime() >= reAlertSeconds * 1000;
}

/** Pure: whether a maintenance window covers this moment. */
export function windowActive(window: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  return window.startsAt.getTime() <= now.getTime() && now.getTime() < window.endsAt.getTime();
}
