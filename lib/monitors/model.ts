/** The vocabulary of cron monitors, shared by the schedule math, the store, the API and the UI. */

export const CHECK_IN_STATUSES = ["in_progress", "ok", "error", "missed", "timeout"] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];
/** What a sender may report; missed and timeout are only ever decided here. */
export type ReportedCheckInStatus = "in_progress" | "ok" | "error";
export type FinishedCheckInStatus = Exclude<CheckInStatus, "in_progress">;

export const MONITOR_STATUSES = ["unknown", "ok", "error", "missed", "timeout", "disabled"] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

export const INTERVAL_UNITS = ["minute", "hour", "day", "week", "month", "year"] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

export type MonitorSchedule = { type: "crontab"; value: string } | { type: "interval"; value: number; unit: IntervalUnit };

/** A monitor's settings, as Sentry's `monitor_config` names them (camelCase here). */
export interface MonitorConfig {
  schedule: MonitorSchedule;
  /** Minutes after the expected time before a check-in counts as missed (Sentry: min 1). */
  checkinMargin: number;
  /** Minutes an in_progress check-in may run before it times out (Sentry default 30). */
  maxRuntime: number;
  timezone: string;
  /** Consecutive failed check-ins that open an incident (1..720). */
  failureIssueThreshold: number;
  /** Consecutive ok check-ins that resolve it (1..720). */
  recoveryThreshold: number;
}

export const MONITOR_CONFIG_DEFAULTS = {
  checkinMargin: 1,
  maxRuntime: 30,
  timezone: "UTC",
  failureIssueThreshold: 1,
  recoveryThreshold: 1,
} as const;

export const THRESHOLD_MAX = 720;

export function isFailure(status: CheckInStatus): boolean {
  return status === "error" || status === "missed" || status === "timeout";
}
