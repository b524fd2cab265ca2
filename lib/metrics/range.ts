import { z } from "zod";

/**
 * The dashboard's time ranges and their buckets. Pure: a range and a `now` give the window,
 * and sparse rows from the database become dense series a chart can stack.
 */

export const DASHBOARD_RANGES = {
  "1h": { spanMs: 3600_000, bucketMs: 5 * 60_000, label: "1 hour" },
  "24h": { spanMs: 24 * 3600_000, bucketMs: 3600_000, label: "24 hours" },
  "7d": { spanMs: 7 * 24 * 3600_000, bucketMs: 6 * 3600_000, label: "7 days" },
  "30d": { spanMs: 30 * 24 * 3600_000, bucketMs: 24 * 3600_000, label: "30 days" },
} as const;

export type DashboardRange = keyof typeof DASHBOARD_RANGES;
export const DEFAULT_RANGE: DashboardRange = "24h";

/** `?range=` of the overview's API routes. */
export const overviewQuery = z.object({
  range: z.enum(Object.keys(DASHBOARD_RANGES) as [DashboardRange, ...DashboardRange[]], { error: "must be 1h, 24h, 7d or 30d" }).default(DEFAULT_RANGE),
});

export function isDashboardRange(value: string | undefined): value is DashboardRange {
  return value !== undefined && Object.hasOwn(DASHBOARD_RANGES, value);
}

export interface RangeWindow {
  range: DashboardRange;
  from: Date;
  to: Date;
  bucketMs: number;
  /** Bucket starts, oldest first; the last bucket holds `now`. */
  buckets: Date[];
}

/**
 * Buckets aligned to whole multiples of their width since the Unix epoch (as PostgreSQL's
 * `date_bin(width, t, 'epoch')` aligns them), so the database and this code agree on edges.
 */
export function rangeWindow(range: DashboardRange, now: Date): RangeWindow {
  const { spanMs, bucketMs } = DASHBOARD_RANGES[range];
  const lastStart = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const count = Math.ceil(spanMs / bucketMs);
  const buckets = Array.from({ length: count }, (_, index) => new Date(lastStart - (count - 1 - index) * bucketMs));
  return { range, from: buckets[0]!, to: now, bucketMs, buckets };
}

/**
 * Sparse `(bucket, key, count)` rows to one point per bucket with a number for every key
 * (0 where nothing happened), ready for a stacked chart.
 */
export function denseSeries<Key extends string>(window: RangeWindow, keys: readonly Key[], rows: { bucket: Date; key: string; count: number }[]): ({ at: string } & Record<Key, number>)[] {
  const index = new Map(window.buckets.map((bucket, position) => [bucket.getTime(), position]));
  const points = window.buckets.map((bucket) => ({ at: bucket.toISOString(), ...(Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>) }));
  for (const row of rows) {
    const position = index.get(row.bucket.getTime());
    if (position === undefined || !(keys as readonly string[]).includes(row.key)) continue;
    (points[position] as Record<string, number | string>)[row.key] = ((points[position] as Record<string, number>)[row.key] ?? 0) + row.count;
  }
  return points;
}

/** succeeded / (succeeded + failed), or null when nothing finished. */
export function successRate(succeeded: number, failed: number): number | null {
  return succeeded + failed === 0 ? null : succeeded / (succeeded + failed);
}
