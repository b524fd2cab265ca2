import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { parseInput } from "@/lib/http";
import { alertFacts, alertMatches, alertMatchSchema, type AlertMatch } from "./match";

export interface RouteView {
  id: string;
  name: string;
  enabled: boolean;
  match: AlertMatch;
  throttleSeconds: number;
  reAlertSeconds: number | null;
  channels: { id: string; name: string; kind: string }[];
}

export async function listRoutes(): Promise<RouteView[]> {
  const db = await getDb();
  const routes = await db.alertRoute.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], include: { channels: { include: { channel: { select: { id: true, name: true, kind: true } } } } } });
  return routes.map((route) => ({
    id: route.id,
    name: route.name,
    enabled: route.enabled,
    match: route.match as AlertMatch,
    throttleSeconds: route.throttleSeconds,
    reAlertSeconds: route.reAlertSeconds,
    channels: route.channels.map(({ channel }) => channel),
  }));
}

export interface DeliveryView {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  channel: { id: string; name: string; kind: string };
  route: { id: string; name: string } | null;
  event: { id: string; type: string; title: string; severity: string; tier: string | null; resolves: boolean; groupKey: string };
}

/** The delivery log, newest first: what went out, what was held back and why, what failed. */
export async function listDeliveries(limit = 100): Promise<DeliveryView[]> {
  const db = await getDb();
  const rows = await db.alertDelivery.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 500),
    include: { channel: { select: { id: true, name: true, kind: true } }, route: { select: { id: true, name: true } }, event: { select: { id: true, type: true, title: true, severity: true, tier: true, resolves: true, groupKey: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    channel: row.channel,
    route: row.route,
    event: row.event,
  }));
}

export const maintenanceInput = z
  .object({
    name: z.string().trim().min(1, { message: "is required" }).max(200),
    match: alertMatchSchema.default({}),
    startsAt: z.coerce.date({ message: "must be a date and time" }),
    endsAt: z.coerce.date({ message: "must be a date and time" }),
  })
  .refine((window) => window.endsAt > window.startsAt, { message: "must be after startsAt", path: ["endsAt"] });

export interface MaintenanceView {
  id: string;
  name: string;
  match: AlertMatch;
  startsAt: string;
  endsAt: string;
}

/** A maintenance window (or a snooze: a window starting now): matching alerts are held, resolves still go out. */
export async function createMaintenanceWindow(raw: unknown, actor: Actor): Promise<MaintenanceView> {
  const input = parseInput(maintenanceInput, raw);
  const db = await getDb();
  const window = await db.$transaction(async (tx) => {
    const created = await tx.maintenanceWindow.create({ data: { name: input.name, match: input.match as object, startsAt: input.startsAt, endsAt: input.endsAt, createdById: actor.id ?? null } });
    await recordAudit(tx, { actor, action: "maintenance.created", target: { type: "maintenance_window", id: created.id }, summary: `Maintenance ${input.name} until ${input.endsAt.toISOString()}`, after: input });
    return created;
  });
  return { id: window.id, name: window.name, match: window.match as AlertMatch, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() };
}

/** Windows not yet over, soonest first. */
export async function listMaintenanceWindows(now: Date = new Date()): Promise<MaintenanceView[]> {
  const db = await getDb();
  const windows = await db.maintenanceWindow.findMany({ where: { endsAt: { gt: now } }, orderBy: { startsAt: "asc" } });
  return windows.map((window) => ({ id: window.id, name: window.name, match: window.match as AlertMatch, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() }));
}

export interface RoutePreview {
  /** How many of the recent events were looked at. */
  examined: number;
  matched: number;
  /** The newest matching ones. */
  events: { id: string; type: string; title: string; severity: string; tier: string | null; createdAt: string }[];
}

/** The route editor's preview: which of the last `limit` events a match would have taken. */
export async function previewRouteMatch(raw: unknown, limit = 200): Promise<RoutePreview> {
  const match = parseInput(z.object({ match: alertMatchSchema.default({}) }), raw).match;
  const db = await getDb();
  const recent = await db.alertEvent.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  const matching = recent.filter((event) => alertMatches(match, alertFacts(event)));
  return {
    examined: recent.length,
    matched: matching.length,
    events: matching.slice(0, 10).map((event) => ({ id: event.id, type: event.type, title: event.title, severity: event.severity, tier: event.tier, createdAt: event.createdAt.toISOString() })),
  };
}
