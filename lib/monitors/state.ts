import { isFailure, type CheckInStatus, type FinishedCheckInStatus, type MonitorStatus } from "./model";

/**
 * Monitor state decisions with Sentry's semantics, as pure functions of check-ins and a time.
 */

/** An in_progress check-in times out at its start + max_runtime (Sentry). */
export function timeoutAt(startedAt: Date, maxRuntimeMinutes: number): Date {
  return new Date(startedAt.getTime() + maxRuntimeMinutes * 60_000);
}

export function hasTimedOut(startedAt: Date, maxRuntimeMinutes: number, now: Date): boolean {
  return now.getTime() > timeoutAt(startedAt, maxRuntimeMinutes).getTime();
}

/** The monitor's status follows its latest finished check-in. */
export function statusAfter(latestFinished: FinishedCheckInStatus | undefined): MonitorStatus {
  return latestFinished ?? "unknown";
}

export type IncidentDecision =
  | { action: "open"; reason: string; failureCount: number }
  | { action: "resolve"; okCount: number }
  | { action: "none" };

/**
 * `failure_issue_threshold` consecutive failures (error, missed, timeout) open an incident;
 * `recovery_threshold` consecutive oks resolve an open one. `recentFinished` is newest first.
 */
export function decideIncident(input: {
  incidentOpen: boolean;
  recentFinished: FinishedCheckInStatus[];
  failureIssueThreshold: number;
  recoveryThreshold: number;
}): IncidentDecision {
  const latest = input.recentFinished[0];
  if (latest === undefined) return { action: "none" };
  if (input.incidentOpen) {
    const oks = leadingRun(input.recentFinished, (status) => status === "ok");
    return oks >= input.recoveryThreshold ? { action: "resolve", okCount: oks } : { action: "none" };
  }
  const failures = leadingRun(input.recentFinished, isFailure);
  if (failures < input.failureIssueThreshold) return { action: "none" };
  return { action: "open", failureCount: failures, reason: describeFailures(input.recentFinished.slice(0, failures)) };
}

function leadingRun(statuses: FinishedCheckInStatus[], predicate: (status: CheckInStatus) => boolean): number {
  let count = 0;
  for (const status of statuses) {
    if (!predicate(status)) break;
    count += 1;
  }
  return count;
}

function describeFailures(statuses: FinishedCheckInStatus[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  const parts = [...counts.entries()].map(([status, count]) => `${count} ${status === "error" ? "failed" : status}`);
  return `${statuses.length} consecutive failed check-in${statuses.length === 1 ? "" : "s"} (${parts.join(", ")})`;
}

export interface Uptime {
  ok: number;
  failed: number;
  inProgress: number;
  /** ok / (ok + failed), or null when nothing finished in the window. */
  ratio: number | null;
}

/** Uptime as Sentry's crons view counts it: of the finished check-ins in a window, the share ok. */
export function uptimeFrom(counts: Partial<Record<CheckInStatus, number>>): Uptime {
  const ok = counts.ok ?? 0;
  const failed = (counts.error ?? 0) + (counts.missed ?? 0) + (counts.timeout ?? 0);
  return { ok, failed, inProgress: counts.in_progress ?? 0, ratio: ok + failed === 0 ? null : ok / (ok + failed) };
}

export interface TimelineBucket {
  from: string;
  to: string;
  counts: Record<CheckInStatus, number>;
  /** The worst status in the bucket, for its colour: error > timeout > missed > ok > in_progress. */
  worst: CheckInStatus | null;
}

const SEVERITY: Record<CheckInStatus, number> = { in_progress: 0, ok: 1, missed: 2, timeout: 3, error: 4 };

/**
 * Sentry's crons timeline: [from, to) cut into `bucketCount` equal buckets, each with its
 * check-in counts by status. Takes counts already grouped by bucket index (the database does
 * the counting over up to 30 days of check-ins).
 */
export function timelineBuckets(counts: { bucket: number; status: CheckInStatus; count: number }[], from: Date, to: Date, bucketCount: number): TimelineBucket[] {
  const width = (to.getTime() - from.getTime()) / bucketCount;
  const buckets: TimelineBucket[] = Array.from({ length: bucketCount }, (_, index) => ({
    from: new Date(from.getTime() + index * width).toISOString(),
    to: new Date(from.getTime() + (index + 1) * width).toISOString(),
    counts: { in_progress: 0, ok: 0, error: 0, missed: 0, timeout: 0 },
    worst: null,
  }));
  for (const row of counts) {
    const bucket = buckets[row.bucket];
    if (!bucket || row.count === 0) continue;
    bucket.counts[row.status] += row.count;
    if (bucket.worst === null || SEVERITY[row.status] > SEVERITY[bucket.worst]) bucket.worst = row.status;
  }
  return buckets;
}

/** Which bucket a time falls in, the same arithmetic as the SQL that groups check-ins. */
export function bucketIndex(at: Date, from: Date, to: Date, bucketCount: number): number {
  return Math.floor(((at.getTime() - from.getTime()) * bucketCount) / (to.getTime() - from.getTime()));
}

/**
 * What the UI shows between ticks: a monitor whose deadline has passed reads as missed even
 * before a tick records the missed check-in, so a dead cron is visible without a live tick.
 */
export function displayedStatus(input: { status: MonitorStatus; nextExpectedAt: Date | null; checkinMarginMinutes: number }, now: Date): MonitorStatus {
  if (input.status === "disabled" || !input.nextExpectedAt) return input.status;
  const deadline = input.nextExpectedAt.getTime() + input.checkinMarginMinutes * 60_000;
  return now.getTime() > deadline ? "missed" : input.status;
}
