import { CronExpressionParser } from "cron-parser";
import type { IntervalUnit, MonitorSchedule } from "./model";
import { isKnownTimezone } from "./names";

/**
 * When a monitor's next check-in is due, with Sentry's semantics: the reference time is floored
 * to the minute; a crontab's next run is the first match strictly after it, in the monitor's
 * timezone (DST handled by cron-parser/luxon); an interval adds calendar units in UTC.
 */

/** The nicknames Sentry accepts besides five-field crontabs. */
const CRONTAB_NICKNAMES = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"]);

export function crontabProblem(value: string): string | undefined {
  const trimmed = value.trim();
  if (CRONTAB_NICKNAMES.has(trimmed)) return undefined;
  const fields = trimmed.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `must have 5 fields (minute hour day-of-month month day-of-week); got ${fields.length}`;
  try {
    CronExpressionParser.parse(trimmed, { strict: false });
    return undefined;
  } catch (error) {
    return `is not a valid crontab: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export { isKnownTimezone };

/** An unknown zone (Relay stores whatever it is sent) is computed in UTC rather than refused. */
export function effectiveTimezone(timezone: string): string {
  return isKnownTimezone(timezone) ? timezone : "UTC";
}

function floorToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}

function addInterval(date: Date, value: number, unit: IntervalUnit): Date {
  const next = new Date(date.getTime());
  switch (unit) {
    case "minute":
      next.setUTCMinutes(next.getUTCMinutes() + value);
      break;
    case "hour":
      next.setUTCHours(next.getUTCHours() + value);
      break;
    case "day":
      next.setUTCDate(next.getUTCDate() + value);
      break;
    case "week":
      next.setUTCDate(next.getUTCDate() + 7 * value);
      break;
    case "month":
      next.setUTCMonth(next.getUTCMonth() + value);
      break;
    case "year":
      next.setUTCFullYear(next.getUTCFullYear() + value);
      break;
  }
  return next;
}

/** The first expected check-in after `reference` (a check-in's time, or the last expected time). */
export function nextExpectedAt(schedule: MonitorSchedule, timezone: string, reference: Date): Date {
  const floored = floorToMinute(reference);
  if (schedule.type === "interval") return addInterval(floored, schedule.value, schedule.unit);
  const expression = CronExpressionParser.parse(schedule.value.trim(), { currentDate: floored, tz: effectiveTimezone(timezone) });
  return expression.next().toDate();
}

export interface OverdueInput {
  schedule: MonitorSchedule;
  timezone: string;
  nextExpectedAt: Date;
  checkinMarginMinutes: number;
}

/**
 * The expected times that passed their margin without a check-in. Sentry marks a check-in
 * MISSED once now is past expected + margin, then expects the following run. A monitor silent
 * for days yields at most `limit` missed check-ins; the schedule then jumps to the present.
 */
export function overdueSlots(input: OverdueInput, now: Date, limit = 60): { missed: Date[]; nextExpectedAt: Date } {
  const marginMs = input.checkinMarginMinutes * 60_000;
  const missed: Date[] = [];
  let expected = input.nextExpectedAt;
  while (now.getTime() > expected.getTime() + marginMs) {
    if (missed.length < limit) missed.push(expected);
    else {
      // Past the cap: skip ahead without recording, from the latest deadline that has passed.
      const skipFrom = new Date(now.getTime() - marginMs);
      expected = nextExpectedAt(input.schedule, input.timezone, skipFrom);
      break;
    }
    expected = nextExpectedAt(input.schedule, input.timezone, expected);
  }
  return { missed, nextExpectedAt: expected };
}

/** A short human label: "every 5 minutes", "0 * * * * (Europe/Berlin)". */
export function describeSchedule(schedule: MonitorSchedule, timezone = "UTC"): string {
  if (schedule.type === "interval") return `every ${schedule.value === 1 ? "" : `${schedule.value} `}${schedule.unit}${schedule.value === 1 ? "" : "s"}`;
  return `${schedule.value} (${timezone})`;
}

/** How long one period is, roughly; used to size the timeline and to judge staleness. */
export function approximatePeriodMs(schedule: MonitorSchedule, timezone: string, from: Date): number {
  const first = nextExpectedAt(schedule, timezone, from);
  const second = nextExpectedAt(schedule, timezone, first);
  return second.getTime() - first.getTime();
}
