import { randomUUID } from "node:crypto";
import { announce } from "@/lib/alerts";
import { getConfig } from "@/lib/config";
import { getDb, type Monitor, type Prisma } from "@/lib/db";
import { Conflict, DomainError } from "@/lib/errors";
import { monitorAlerts, type MonitorChange } from "./alerts";
import type { CheckInRequest } from "./checkin-input";
import { checkInView, configColumns, scheduleOf, type CheckInView } from "./columns";
import type { FinishedCheckInStatus, MonitorStatus } from "./model";
import { nextExpectedAt, overdueSlots } from "./schedule";
import { decideIncident, hasTimedOut, statusAfter, timeoutAt, type IncidentDecision } from "./state";

type Tx = Prisma.TransactionClient;

export interface CheckInSource {
  /** Where it came from: "cron-tick", "standalone", "embedded", "http", "missed-detector", … */
  source: string;
  workerId?: string;
  /** "worker" monitors are this app's own batch workers; others are operators' jobs. */
  kind?: "worker" | "external";
  name?: string;
  now?: Date;
  /** What happened when this check-in was sent to Sentry ("sent", "not sent: …"), when it was. */
  sentryDelivery?: string;
}

export interface RecordedCheckIn {
  monitor: { id: string; slug: string; status: MonitorStatus; relayToSentry: boolean };
  checkIn: CheckInView | null;
  createdMonitor: boolean;
  /** True when the monitor is disabled: Sentry drops such check-ins, and so does this app. */
  ignored: boolean;
  incident: IncidentDecision["action"];
  warnings: string[];
}

class MonitorNotFound extends DomainError {
  constructor(slug: string) {
    super("not_found", `Monitor "${slug}" does not exist; send a monitor_config with the check-in to create it.`, { field: "monitor_slug" });
  }
}

/**
 * Stores one check-in with Sentry's semantics, creating or updating the monitor when the
 * check-in carries a monitor_config. The monitor row is locked for the transaction, so
 * concurrent check-ins and the missed/timeout detector apply one after another.
 */
export async function recordCheckIn(request: CheckInRequest, from: CheckInSource): Promise<RecordedCheckIn> {
  const now = from.now ?? new Date();
  const db = await getDb();
  const { recorded, announcement } = await db.$transaction(async (tx): Promise<{ recorded: RecordedCheckIn; announcement: MonitorAnnouncement | null }> => {
    const { monitor, created } = await lockMonitor(tx, request, from, now);
    if (monitor.status === "disabled") {
      return { recorded: { monitor: monitorSummary(monitor), checkIn: null, createdMonitor: false, ignored: true, incident: "none" as const, warnings: request.warnings }, announcement: null };
    }
    const schedule = scheduleOf(monitor);
    const open = await findContinuedCheckIn(tx, monitor.id, request);
    let checkIn;
    let isNew = false;
    if (open && open.status !== "in_progress") {
      throw new Conflict(`Check-in ${open.checkInId} already finished as ${open.status}; send a new check_in_id for a new run.`, "check_in_id");
    }
    if (open && request.status === "in_progress") {
      checkIn = open;
    } else if (open) {
      checkIn = await tx.monitorCheckIn.update({
        where: { id: open.id },
        data: {
          status: request.status,
          durationMs: request.durationMs ?? now.getTime() - open.startedAt.getTime(),
          finishedAt: now,
          environment: request.environment,
          ...(from.sentryDelivery ? { sentryRelay: from.sentryDelivery } : {}),
        },
      });
    } else {
      isNew = true;
      const startedAt = request.status !== "in_progress" && request.durationMs !== undefined ? new Date(now.getTime() - request.durationMs) : now;
      checkIn = await tx.monitorCheckIn.create({
        data: {
          monitorId: monitor.id,
          checkInId: request.checkInId && request.checkInId !== "latest" ? request.checkInId : randomUUID().replace(/-/g, ""),
          status: request.status,
          environment: request.environment,
          durationMs: request.status === "in_progress" ? null : (request.durationMs ?? 0),
          workerId: from.workerId,
          source: from.source,
          startedAt,
          finishedAt: request.status === "in_progress" ? null : now,
          sentryRelay: from.sentryDelivery,
        },
      });
    }
    const data: Prisma.MonitorUpdateInput = { lastCheckInAt: now };
    // Any new check-in, in_progress included, moves the schedule on (Sentry does the same), so a
    // long run is judged by max_runtime rather than also reported missed.
    if (isNew) data.nextExpectedAt = nextExpectedAt(schedule, monitor.timezone, now);
    let incident: IncidentDecision["action"] = "none";
    let announcement: MonitorAnnouncement | null = null;
    if (request.status !== "in_progress") {
      data.status = statusAfter(request.status);
      const decision = await applyIncidentDecision(tx, monitor, now);
      incident = decision.action;
      if (incident !== "none") announcement = { monitor, change: { missed: 0, timedOut: 0, incident, reason: decision.action === "open" ? decision.reason : null } };
    }
    const updated = await tx.monitor.update({ where: { id: monitor.id }, data });
    return {
      recorded: { monitor: monitorSummary(updated), checkIn: checkInView(checkIn), createdMonitor: created, ignored: false, incident, warnings: request.warnings },
      announcement,
    };
  });
  if (announcement) await announceMonitorChange(announcement);
  return recorded;
}

async function lockMonitor(tx: Tx, request: CheckInRequest, from: CheckInSource, now: Date): Promise<{ monitor: Monitor; created: boolean }> {
  if (!request.monitorConfig) {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Monitor" WHERE slug = ${request.slug} FOR UPDATE`;
    if (rows.length === 0) throw new MonitorNotFound(request.slug);
    return { monitor: await tx.monitor.findUniqueOrThrow({ where: { id: rows[0]!.id } }), created: false };
  }
  const columns = configColumns(request.monitorConfig);
  // INSERT … ON CONFLICT takes the row lock too, so two first check-ins cannot both create it.
  const rows = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
    INSERT INTO "Monitor" (id, slug, name, kind, "scheduleType", schedule, "checkinMarginMinutes", "maxRuntimeMinutes", timezone, "failureIssueThreshold", "recoveryThreshold", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${request.slug}, ${from.name ?? request.slug}, ${from.kind ?? "external"}, ${columns.scheduleType}::"ScheduleType", ${columns.schedule},
            ${columns.checkinMarginMinutes}, ${columns.maxRuntimeMinutes}, ${columns.timezone}, ${columns.failureIssueThreshold}, ${columns.recoveryThreshold}, ${now}, ${now})
    ON CONFLICT (slug) DO UPDATE SET "scheduleType" = EXCLUDED."scheduleType", schedule = EXCLUDED.schedule,
      "checkinMarginMinutes" = EXCLUDED."checkinMarginMinutes", "maxRuntimeMinutes" = EXCLUDED."maxRuntimeMinutes", timezone = EXCLUDED.timezone,
      "failureIssueThreshold" = EXCLUDED."failureIssueThreshold", "recoveryThreshold" = EXCLUDED."recoveryThreshold", "updatedAt" = EXCLUDED."updatedAt"
    RETURNING id, (xmax = 0) AS inserted`;
  const monitor = await tx.monitor.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  return { monitor, created: Boolean(rows[0]!.inserted) };
}

/**
 * The check-in this report continues: the one with its id; or, for "latest" (and, as in
 * Sentry, a finish sent without an id), the newest open run. Otherwise it starts a new one.
 */
async function findContinuedCheckIn(tx: Tx, monitorId: string, request: CheckInRequest) {
  if (request.checkInId && request.checkInId !== "latest") {
    return tx.monitorCheckIn.findUnique({ where: { monitorId_checkInId: { monitorId, checkInId: request.checkInId } } });
  }
  if (request.checkInId === "latest" || request.status !== "in_progress") {
    return tx.monitorCheckIn.findFirst({ where: { monitorId, status: "in_progress" }, orderBy: { startedAt: "desc" } });
  }
  return null;
}

async function applyIncidentDecision(tx: Tx, monitor: Monitor, now: Date): Promise<IncidentDecision> {
  const depth = Math.max(monitor.failureIssueThreshold, monitor.recoveryThreshold);
  const recent = await tx.monitorCheckIn.findMany({
    where: { monitorId: monitor.id, status: { not: "in_progress" } },
    orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }],
    take: depth,
    select: { status: true },
  });
  const openIncident = await tx.monitorIncident.findFirst({ where: { monitorId: monitor.id, resolvedAt: null } });
  const decision = decideIncident({
    incidentOpen: openIncident !== null,
    recentFinished: recent.map((row) => row.status as FinishedCheckInStatus),
    failureIssueThreshold: monitor.failureIssueThreshold,
    recoveryThreshold: monitor.recoveryThreshold,
  });
  if (decision.action === "open") {
    await tx.monitorIncident.create({ data: { monitorId: monitor.id, reason: decision.reason, failureCount: decision.failureCount, openedAt: now } });
  } else if (decision.action === "resolve" && openIncident) {
    await tx.monitorIncident.update({ where: { id: openIncident.id }, data: { resolvedAt: now } });
  }
  return decision;
}

/** The tier of a worker monitor (the configured slugs); null for other monitors. */
function tierOf(slug: string): "prod" | "nonprod" | null {
  const { slugs } = getConfig().workerMonitors;
  return slug === slugs.prod ? "prod" : slug === slugs.nonprod ? "nonprod" : null;
}

interface MonitorAnnouncement {
  monitor: { slug: string; name: string };
  change: MonitorChange;
}

/** Announces a monitor's change after its transaction committed (lib/alerts routes it). */
async function announceMonitorChange({ monitor, change }: MonitorAnnouncement): Promise<void> {
  for (const alert of monitorAlerts(monitor, change, tierOf(monitor.slug))) await announce(alert);
}

export interface MonitorEvaluation {
  monitors: number;
  missed: number;
  timedOut: number;
  incidentsOpened: number;
  incidentsResolved: number;
}

/**
 * The tick's pass over all monitors: records MISSED check-ins for expected runs whose margin
 * passed, TIMEOUT for in_progress runs past max_runtime, then moves status and incidents.
 * A monitor another evaluator holds (SKIP LOCKED) is left to it.
 */
export async function evaluateMonitors(now: Date = new Date()): Promise<MonitorEvaluation> {
  const db = await getDb();
  const candidates = await db.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "Monitor" m
     WHERE m.status <> 'disabled'
       AND ((m."nextExpectedAt" IS NOT NULL AND m."nextExpectedAt" + make_interval(mins => m."checkinMarginMinutes") < ${now})
         OR EXISTS (SELECT 1 FROM "MonitorCheckIn" c WHERE c."monitorId" = m.id AND c.status = 'in_progress'
                      AND c."startedAt" + make_interval(mins => m."maxRuntimeMinutes") < ${now}))`;
  const summary: MonitorEvaluation = { monitors: 0, missed: 0, timedOut: 0, incidentsOpened: 0, incidentsResolved: 0 };
  for (const { id } of candidates) {
    const announcement = await db.$transaction(async (tx): Promise<MonitorAnnouncement | null> => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Monitor" WHERE id = ${id} AND status <> 'disabled' FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return null;
      const monitor = await tx.monitor.findUniqueOrThrow({ where: { id } });
      summary.monitors += 1;
      const changes = await recordOverdue(tx, monitor, now);
      summary.missed += changes.missed;
      summary.timedOut += changes.timedOut;
      if (changes.missed + changes.timedOut === 0) return null;
      const decision = await applyIncidentDecision(tx, monitor, now);
      if (decision.action === "open") summary.incidentsOpened += 1;
      if (decision.action === "resolve") summary.incidentsResolved += 1;
      return { monitor, change: { ...changes, incident: decision.action, reason: decision.action === "open" ? decision.reason : null } };
    });
    if (announcement) await announceMonitorChange(announcement);
  }
  return summary;
}

async function recordOverdue(tx: Tx, monitor: Monitor, now: Date): Promise<{ missed: number; timedOut: number }> {
  const data: Prisma.MonitorUpdateInput = {};
  let missed = 0;
  if (monitor.nextExpectedAt) {
    const overdue = overdueSlots({ schedule: scheduleOf(monitor), timezone: monitor.timezone, nextExpectedAt: monitor.nextExpectedAt, checkinMarginMinutes: monitor.checkinMarginMinutes }, now);
    if (overdue.missed.length > 0) {
      await tx.monitorCheckIn.createMany({
        data: overdue.missed.map((expectedAt) => ({
          monitorId: monitor.id,
          checkInId: randomUUID().replace(/-/g, ""),
          status: "missed" as const,
          source: "missed-detector",
          startedAt: expectedAt,
          finishedAt: new Date(expectedAt.getTime() + monitor.checkinMarginMinutes * 60_000),
        })),
      });
      missed = overdue.missed.length;
    }
    data.nextExpectedAt = overdue.nextExpectedAt;
  }
  const running = await tx.monitorCheckIn.findMany({ where: { monitorId: monitor.id, status: "in_progress" }, select: { id: true, startedAt: true } });
  let timedOut = 0;
  for (const run of running) {
    if (!hasTimedOut(run.startedAt, monitor.maxRuntimeMinutes, now)) continue;
    await tx.monitorCheckIn.update({
      where: { id: run.id },
      data: { status: "timeout", finishedAt: timeoutAt(run.startedAt, monitor.maxRuntimeMinutes), durationMs: monitor.maxRuntimeMinutes * 60_000 },
    });
    timedOut += 1;
  }
  if (missed + timedOut > 0) {
    const latest = await tx.monitorCheckIn.findFirst({ where: { monitorId: monitor.id, status: { not: "in_progress" } }, orderBy: { startedAt: "desc" }, select: { status: true } });
    data.status = statusAfter(latest?.status as FinishedCheckInStatus | undefined);
  }
  await tx.monitor.update({ where: { id: monitor.id }, data });
  return { missed, timedOut };
}

function monitorSummary(monitor: Monitor): RecordedCheckIn["monitor"] {
  return { id: monitor.id, slug: monitor.slug, status: monitor.status, relayToSentry: monitor.relayToSentry };
}

