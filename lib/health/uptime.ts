/**
 * Pure: uptime and latency figures from samples. Uptime is the share of probes that succeeded;
 * every probe stands for one interval of the check.
 */

/**
 * Percent of successful probes, to two decimals, or null when there were none. Rounded down,
 * so 1 failure in 10,000 shows 99.99 — a page that says 100 % must mean no probe failed.
 */
export function uptimePercent(up: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.floor((Math.min(up, total) / total) * 10_000) / 100;
}

export interface LatencySample {
  ok: boolean;
  latencyMs: number | null;
  createdAt: Date;
}

export interface LatencyBucket {
  /** Start of the bucket, epoch ms. */
  at: number;
  /** Mean latency of the successful probes in the bucket; null when none succeeded. */
  avgMs: number | null;
  maxMs: number | null;
  probes: number;
  failures: number;
}

/**
 * Samples of the window ending at `now`, in `buckets` equal slices (a day of once-a-minute
 * probes is 1,440 points; a chart needs a few hundred). Empty slices are kept, so gaps in
 * probing show as gaps on the chart rather than being drawn over.
 */
export function latencySeries(samples: LatencySample[], options: { now: Date; windowMs: number; buckets: number }): LatencyBucket[] {
  const start = options.now.getTime() - options.windowMs;
  const size = options.windowMs / options.buckets;
  const slots = Array.from({ length: options.buckets }, (_, index) => ({ at: Math.round(start + index * size), sum: 0, okCount: 0, maxMs: null as number | null, probes: 0, failures: 0 }));
  for (const sample of samples) {
    const offset = sample.createdAt.getTime() - start;
    if (offset < 0 || offset > options.windowMs) continue;
    const slot = slots[Math.min(options.buckets - 1, Math.floor(offset / size))]!;
    slot.probes += 1;
    if (!sample.ok) slot.failures += 1;
    else if (sample.latencyMs !== null) {
      slot.sum += sample.latencyMs;
      slot.okCount += 1;
      slot.maxMs = Math.max(slot.maxMs ?? 0, sample.latencyMs);
    }
  }
  return slots.map((slot) => ({ at: slot.at, avgMs: slot.okCount ? Math.round(slot.sum / slot.okCount) : null, maxMs: slot.maxMs, probes: slot.probes, failures: slot.failures }));
}
