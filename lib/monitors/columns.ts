import type { Monitor, MonitorCheckIn } from "@/lib/db";
import type { CheckInStatus, IntervalUnit, MonitorConfig, MonitorSchedule } from "./model";

/** A schedule in the Monitor row: crontab text, or "<value> <unit>" for an interval. */
export function scheduleColumns(schedule: MonitorSchedule): { scheduleType: "crontab" | "interval"; schedule: string } {
  return schedule.type === "crontab"
    ? { scheduleType: "crontab", schedule: schedule.value.trim() }
    : { scheduleType: "interval", schedule: `${schedule.value} ${schedule.unit}` };
}

export function scheduleOf(monitor: Pick<Monitor, "scheduleType" | "schedule">): MonitorSchedule {
  if (monitor.scheduleType === "crontab") return { type: "crontab", value: monitor.schedule };
  const [value, unit] = monitor.schedule.split(" ");
  return { type: "interval", value: Number(value), unit: unit as IntervalUnit };
}

export function configColumns(config: MonitorConfig) {
  return {
    ...scheduleColumns(config.schedule),
    checkinMarginMinutes: config.checkinMargin,
    maxRuntimeMinutes: config.maxRuntime,
    timezone: config.timezone,
    failureIssueThreshold: config.failureIssueThreshold,
    recoveryThreshold: config.recoveryThreshold,
  };
}

export function configOf(monitor: Monitor): MonitorConfig {
  return {
    schedule: scheduleOf(monitor),
    checkinMargin: monitor.checkinMarginMinutes,
    maxRuntime: monitor.maxRuntimeMinutes,
    timezone: monitor.timezone,
    failureIssueThreshold: monitor.failureIssueThreshold,
    recoveryThreshold: monitor.recoveryThreshold,
  };
}

export interface CheckInView {
  id: string;
  checkInId: string;
  status: CheckInStatus;
  environment: string;
  durationMs: number | null;
  startedAt: string;
  finishedAt: string | null;
  source: string;
  workerId: string | null;
  /** "sent", or why relaying it to Sentry failed; null when not relayed. */
  sentryRelay: string | null;
}

export function checkInView(row: MonitorCheckIn): CheckInView {
  return {
    id: row.id,
    checkInId: row.checkInId,
    status: row.status,
    environment: row.environment,
    durationMs: row.durationMs,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    source: row.source,
    workerId: row.workerId,
    sentryRelay: row.sentryRelay,
  };
}
