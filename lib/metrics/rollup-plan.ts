/**
 * Which part of a range the overview reads from the hourly job rollup and which from the raw
 * jobs, and how far the next rollup step goes. Pure: a watermark and a `now` give the spans.
 */
import { DASHBOARD_RANGES, type RangeWindow } from "./range";

export const HOUR_MS = 3600_000;

/**
 * A job's finishedAt is the clock reading of the statement that finishes it (lib/jobs), and a
 * finished job never changes. So a job can still appear in an hour that has ended only while
 * that statement commits, or later by the clock difference between two app instances. Five
 * minutes covers both many times over: hours that ended longer ago than that are final.
 */
export const JOB_SETTLE_MS = 5 * 60_000;

/** The rollup holds exactly the finished jobs with `origin <= finishedAt < through` (whole hours). */
export interface RollupMark {
  origin: Date;
  through: Date;
}

/** A span of finishedAt; `to: null` is open-ended. */
export interface TimeSpan {
  from: Date;
  to: Date | null;
}

export function floorHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** The whole hours inside [from, to]; an empty span at `to` when there is none. */
export function wholeHoursWithin(from: Date, to: Date): { from: Date; to: Date } {
  const first = Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS;
  const last = floorHour(to).getTime();
  return first < last ? { from: new Date(first), to: new Date(last) } : { from: to, to };
}

/** The end of the final hours at `now`: every hour before it is complete and settled. */
export function rollupCutoff(now: Date): Date {
  return floorHour(new Date(now.getTime() - JOB_SETTLE_MS));
}

/**
 * Where a new rollup starts: no later than the first bucket of any range (a range's first
 * bucket starts less than span + bucket before now). Older jobs are never charted, so a first
 * rollup does not have to walk years of history.
 */
export function rollupOrigin(now: Date): Date {
  const reach = Math.max(...Object.values(DASHBOARD_RANGES).map((range) => range.spanMs + range.bucketMs));
  return floorHour(new Date(now.getTime() - reach));
}

/**
 * Splits a window's finished jobs (finishedAt >= from, open-ended like the raw query) into
 * whole rollup hours and raw spans. The rollup serves only ranges whose buckets are whole
 * hours (their edges are then hour edges too); the rest, and anything outside the rollup's
 * hours, is read raw.
 */
export function splitFinishedJobs(window: Pick<RangeWindow, "from" | "bucketMs">, mark: RollupMark | null): { rollup: { from: Date; to: Date } | null; raw: TimeSpan[] } {
  const everything = { rollup: null, raw: [{ from: window.from, to: null }] };
  if (!mark || window.bucketMs % HOUR_MS !== 0 || window.from.getTime() % HOUR_MS !== 0) return everything;
  const from = new Date(Math.max(window.from.getTime(), mark.origin.getTime()));
  if (from >= mark.through) return everything;
  const raw: TimeSpan[] = [];
  if (window.from < mark.origin) raw.push({ from: window.from, to: mark.origin });
  raw.push({ from: mark.through, to: null });
  return { rollup: { from, to: mark.through }, raw };
}

/**
 * The next step from the watermark: up to the cutoff, but no further than the hour holding the
 * `limit`-th job after the watermark (`limitFinishedAt`, null when fewer remain), so one step
 * reads a bounded number of jobs; always at least one hour, so it moves on.
 */
export function nextRollupStep(mark: RollupMark, cutoff: Date, limitFinishedAt: Date | null): { from: Date; to: Date } | null {
  if (mark.through >= cutoff) return null;
  const bounded = limitFinishedAt ? Math.max(floorHour(limitFinishedAt).getTime(), mark.through.getTime() + HOUR_MS) : cutoff.getTime();
  return { from: mark.through, to: new Date(Math.min(bounded, cutoff.getTime())) };
}
