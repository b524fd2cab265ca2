import { getDb } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { checkFromRow, checkView, incidentView, sampleView } from "./present";
import { latencySeries, uptimePercent } from "./uptime";
import type { HealthCheckDetail, HealthCheckView, HealthIncidentView } from "./views";

const DAY_MS = 86_400_000;
/** Ten-minute slices: 144 points for a day of once-a-minute probes. */
const CHART_BUCKETS = 144;

/** Every check by name, with its last sample, open incident and uptime over the last 24 h. */
export async function listHealthChecks(now: Date = new Date()): Promise<HealthCheckView[]> {
  const db = await getDb();
  const since = new Date(now.getTime() - DAY_MS);
  const [rows, counts, open] = await Promise.all([
    db.healthCheck.findMany({ orderBy: { name: "asc" }, include: { samples: { orderBy: { createdAt: "desc" }, take: 1 } } }),
    db.healthSample.groupBy({ by: ["checkId", "ok"], where: { createdAt: { gt: since } }, _count: { _all: true } }),
    db.healthIncident.findMany({ where: { resolvedAt: null }, orderBy: { startedAt: "desc" } }),
  ]);
  const tally = new Map<string, { up: number; total: number }>();
  for (const count of counts) {
    const entry = tally.get(count.checkId) ?? { up: 0, total: 0 };
    entry.total += count._count._all;
    if (count.ok) entry.up += count._count._all;
    tally.set(count.checkId, entry);
  }
  const openByCheck = new Map<string, HealthIncidentView>();
  for (const incident of open) if (!openByCheck.has(incident.checkId)) openByCheck.set(incident.checkId, incidentView(incident));
  return rows.map((row) => {
    const uptime = tally.get(row.id);
    return checkView(checkFromRow(row), {
      lastSample: row.samples[0] ? sampleView(row.samples[0]) : null,
      uptime24h: uptime ? uptimePercent(uptime.up, uptime.total) : null,
      openIncident: openByCheck.get(row.id) ?? null,
    });
  });
}

export async function getHealthCheckView(id: string, now: Date = new Date()): Promise<HealthCheckView> {
  return (await getHealthCheckDetail(id, now)).check;
}

/** A check with its latency over the last 24 h, its latest samples and its incidents. */
export async function getHealthCheckDetail(id: string, now: Date = new Date()): Promise<HealthCheckDetail> {
  const db = await getDb();
  const row = await db.healthCheck.findUnique({ where: { id } });
  if (!row) throw new NotFound("Health check");
  const since = new Date(now.getTime() - DAY_MS);
  const [day, recent, incidents] = await Promise.all([
    // A day of once-a-minute probes is 1,440 rows; the cap only matters after a manual-run spree.
    db.healthSample.findMany({ where: { checkId: id, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, take: 10_000, select: { ok: true, latencyMs: true, createdAt: true } }),
    db.healthSample.findMany({ where: { checkId: id }, orderBy: { createdAt: "desc" }, take: 50 }),
    db.healthIncident.findMany({ where: { checkId: id }, orderBy: { startedAt: "desc" }, take: 50 }),
  ]);
  const openIncident = incidents.find((incident) => incident.resolvedAt === null);
  return {
    check: checkView(checkFromRow(row), {
      lastSample: recent[0] ? sampleView(recent[0]) : null,
      uptime24h: uptimePercent(day.filter((sample) => sample.ok).length, day.length),
      openIncident: openIncident ? incidentView(openIncident) : null,
    }),
    series: latencySeries(day, { now, windowMs: DAY_MS, buckets: CHART_BUCKETS }),
    recentSamples: recent.map(sampleView),
    incidents: incidents.map(incidentView),
  };
}
