import { getDb } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { checkInView, configOf, scheduleOf, type CheckInView } from "./columns";
import type { CheckInStatus, MonitorConfig, MonitorStatus } from "./model";
import { describeSchedule, isKnownTimezone } from "./schedule";
import { displayedStatus, timelineBuckets, uptimeFrom, type TimelineBucket, type Uptime } from "./state";

export interface MonitorListItem {
  slug: string;
  name: string;
  kind: string;
  /** What to show: a passed deadline reads as missed before the tick records it. */
  status: MonitorStatus;
  scheduleLabel: string;
  lastCheckInAt: string | null;
  nextExpectedAt: string | null;
  uptime24h: Uptime;
  lastDurationMs: number | null;
  openIncident: { reason: string; openedAt: string } | null;
  relayToSentry: boolean;
  tokenPrefix: string | null;
}

type CountRow = { monitorId: string; status: CheckInStatus; count: number };

/** Monitors with their 24 h figures; `only` narrows to one slug or one kind, and only theirs are counted. */
export async function listMonitors(now: Date = new Date(), only: { slug?: string; kind?: string } = {}): Promise<MonitorListItem[]> {
  const db = await getDb();
  const monitors = await db.monitor.findMany({ where: { slug: only.slug, kind: only.kind }, orderBy: [{ kind: "desc" }, { slug: "asc" }] });
  if (monitors.length === 0) return [];
  const ids = monitors.map((monitor) => monitor.id);
  const since = new Date(now.getTime() - 24 * 3600_000);
  const [counts, incidents, lastDurations] = await Promise.all([
    db.$queryRaw<CountRow[]>`
      SELECT "monitorId", status::text AS status, count(*)::int AS count FROM "MonitorCheckIn"
       WHERE "monitorId" = ANY(${ids}) AND "startedAt" >= ${since} AND "startedAt" <= ${now} GROUP BY 1, 2`,
    db.monitorIncident.findMany({ where: { resolvedAt: null, monitorId: { in: ids } }, select: { monitorId: true, reason: true, openedAt: true } }),
    // Newest ok run per monitor: one index probe each on (monitorId, startedAt DESC).
    db.$queryRaw<{ monitorId: string; durationMs: number | null }[]>`
      SELECT m.id AS "monitorId", last."durationMs" FROM "Monitor" m
        CROSS JOIN LATERAL (SELECT c."durationMs" FROM "MonitorCheckIn" c
                             WHERE c."monitorId" = m.id AND c.status = 'ok' AND c."startedAt" >= ${since}
                             ORDER BY c."startedAt" DESC LIMIT 1) last
       WHERE m.id = ANY(${ids})`,
  ]);
  return monitors.map((monitor) => {
    const incident = incidents.find((row) => row.monitorId === monitor.id);
    return {
      slug: monitor.slug,
      name: monitor.name,
      kind: monitor.kind,
      status: displayedStatus(monitor, now),
      scheduleLabel: describeSchedule(scheduleOf(monitor), monitor.timezone),
      lastCheckInAt: monitor.lastCheckInAt?.toISOString() ?? null,
      nextExpectedAt: monitor.nextExpectedAt?.toISOString() ?? null,
      uptime24h: uptimeFrom(countsFor(counts, monitor.id)),
      lastDurationMs: lastDurations.find((row) => row.monitorId === monitor.id)?.durationMs ?? null,
      openIncident: incident ? { reason: incident.reason, openedAt: incident.openedAt.toISOString() } : null,
      relayToSentry: monitor.relayToSentry,
      tokenPrefix: monitor.tokenPrefix,
    };
  });
}

function countsFor(rows: { monitorId?: string; status: CheckInStatus; count: number }[], monitorId?: string): Partial<Record<CheckInStatus, number>> {
  const counts: Partial<Record<CheckInStatus, number>> = {};
  for (const row of rows) if (monitorId === undefined || row.monitorId === monitorId) counts[row.status] = (counts[row.status] ?? 0) + row.count;
  return counts;
}

export const TIMELINE_WINDOWS = { "24h": 24 * 3600_000, "7d": 7 * 24 * 3600_000, "30d": 30 * 24 * 3600_000 } as const;
export type TimelineWindow = keyof typeof TIMELINE_WINDOWS;
const TIMELINE_BUCKETS = 48;

export interface MonitorDetail extends MonitorListItem {
  config: MonitorConfig;
  /** Set when the timezone is not a known IANA zone (the schedule is computed in UTC). */
  timezoneWarning: string | null;
  uptime: Record<TimelineWindow, Uptime>;
  timeline: { window: TimelineWindow; buckets: TimelineBucket[] };
  checkIns: CheckInView[];
  /** Finished runs with a duration, oldest first: the duration trend. */
  durations: { startedAt: string; durationMs: number; status: CheckInStatus }[];
  incidents: { id: string; reason: string; failureCount: number; openedAt: string; resolvedAt: string | null }[];
  createdAt: string;
}

export async function getMonitorDetail(slug: string, window: TimelineWindow = "24h", now: Date = new Date()): Promise<MonitorDetail> {
  const db = await getDb();
  const monitor = await db.monitor.findUnique({ where: { slug } });
  if (!monitor) throw new NotFound(`Monitor "${slug}"`);
  // The monitor exists (checked above), so the list of its one slug has it.
  const listed = (await listMonitors(now, { slug }))[0]!;
  const windowStart = (span: number) => new Date(now.getTime() - span);
  const from = windowStart(TIMELINE_WINDOWS[window]);
  const [uptimeRows, bucketRows, checkIns, durations, incidents] = await Promise.all([
    db.$queryRaw<{ window: TimelineWindow; status: CheckInStatus; count: number }[]>`
      SELECT w.name AS window, c.status::text AS status, count(*)::int AS count
        FROM (VALUES ('24h', ${windowStart(TIMELINE_WINDOWS["24h"])}::timestamptz), ('7d', ${windowStart(TIMELINE_WINDOWS["7d"])}::timestamptz), ('30d', ${windowStart(TIMELINE_WINDOWS["30d"])}::timestamptz)) AS w(name, since)
        JOIN "MonitorCheckIn" c ON c."monitorId" = ${monitor.id} AND c."startedAt" >= w.since AND c."startedAt" <= ${now}
       GROUP BY 1, 2`,
    // Same arithmetic as bucketIndex(): floor((t - from) * n / (to - from)).
    db.$queryRaw<{ bucket: number; status: CheckInStatus; count: number }[]>`
      SELECT floor(extract(epoch FROM ("startedAt" - ${from}::timestamptz)) * ${TIMELINE_BUCKETS} / ${TIMELINE_WINDOWS[window] / 1000})::int AS bucket,
             status::text AS status, count(*)::int AS count
        FROM "MonitorCheckIn" WHERE "monitorId" = ${monitor.id} AND "startedAt" >= ${from} AND "startedAt" < ${now}
       GROUP BY 1, 2`,
    db.monitorCheckIn.findMany({ where: { monitorId: monitor.id }, orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }], take: 50 }),
    db.monitorCheckIn.findMany({
      where: { monitorId: monitor.id, durationMs: { not: null }, status: { in: ["ok", "error", "timeout"] } },
      orderBy: { startedAt: "desc" },
      take: 100,
      select: { startedAt: true, durationMs: true, status: true },
    }),
    db.monitorIncident.findMany({ where: { monitorId: monitor.id }, orderBy: { openedAt: "desc" }, take: 20 }),
  ]);
  const uptimeOf = (name: TimelineWindow) => uptimeFrom(countsFor(uptimeRows.filter((row) => row.window === name)));
  return {
    ...listed,
    config: configOf(monitor),
    timezoneWarning: isKnownTimezone(monitor.timezone) ? null : `"${monitor.timezone}" is not a known IANA timezone; the schedule is computed in UTC.`,
    uptime: { "24h": uptimeOf("24h"), "7d": uptimeOf("7d"), "30d": uptimeOf("30d") },
    timeline: { window, buckets: timelineBuckets(bucketRows, from, now, TIMELINE_BUCKETS) },
    checkIns: checkIns.map(checkInView),
    durations: durations.reverse().map((row) => ({ startedAt: row.startedAt.toISOString(), durationMs: row.durationMs!, status: row.status })),
    incidents: incidents.map((row) => ({ id: row.id, reason: row.reason, failureCount: row.failureCount, openedAt: row.openedAt.toISOString(), resolvedAt: row.resolvedAt?.toISOString() ?? null })),
    createdAt: monitor.createdAt.toISOString(),
  };
}
