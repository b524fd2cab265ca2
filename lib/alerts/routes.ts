import { z } from "zod";
import { parseInput } from "@/lib/http";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { getDb, newId, type SqlTx } from "@/lib/db";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { emitOutboxEvents } from "@/lib/outbox";
import { alertFacts, alertMatches, alertMatchSchema, type AlertMatch } from "./match";
import { decideDelivery, windowActive, type GroupHistory } from "./throttle";

export const routeInput = z.object({
  name: z.string().trim().min(1, { message: "is required" }).max(200),
  match: alertMatchSchema.default({}),
  channelIds: z.array(z.string().trim().min(1)).min(1, { message: "choose at least one channel" }).max(20),
  throttleSeconds: z.number().int().min(0).max(7 * 86_400).default(300),
  reAlertSeconds: z.number().int().min(60).max(7 * 86_400).nullable().default(null),
  enabled: z.boolean().default(true),
});
export type RouteInput = z.input<typeof routeInput>;

export async function createRoute(raw: unknown, actor: Actor): Promise<{ id: string }> {
  const input = parseInput(routeInput, raw);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const known = await tx.notificationChannel.count({ where: { id: { in: input.channelIds } } });
    if (known !== new Set(input.channelIds).size) throw new ValidationFailed("channelIds names a channel that does not exist", "channelIds");
    const position = (await tx.alertRoute.count()) + 1;
    const route = await tx.alertRoute.create({
      data: {
        name: input.name,
        match: input.match as object,
        throttleSeconds: input.throttleSeconds,
        reAlertSeconds: input.reAlertSeconds,
        enabled: input.enabled,
        position,
        channels: { create: [...new Set(input.channelIds)].map((channelId) => ({ channelId })) },
      },
    });
    await recordAudit(tx, { actor, action: "alert_route.created", target: { type: "alert_route", id: route.id }, summary: `Added alert route ${input.name}`, after: input });
    return { id: route.id };
  });
}

/** Turns a route on or off (`{enabled}`), or removes it (its delivery log stays, without the route). */
export async function updateRoute(id: string, raw: unknown, actor: Actor): Promise<void> {
  const { enabled } = parseInput(z.object({ enabled: z.boolean({ message: "must be true or false" }) }), raw);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const route = await tx.alertRoute.findUnique({ where: { id } });
    if (!route) throw new NotFound("Route");
    await tx.alertRoute.update({ where: { id }, data: { enabled } });
    await recordAudit(tx, { actor, action: enabled ? "alert_route.enabled" : "alert_route.disabled", target: { type: "alert_route", id }, summary: `${enabled ? "Enabled" : "Disabled"} alert route ${route.name}` });
  });
}

export async function deleteRoute(id: string, actor: Actor): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const route = await tx.alertRoute.findUnique({ where: { id } });
    if (!route) throw new NotFound("Route");
    await tx.alertRoute.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "alert_route.deleted", target: { type: "alert_route", id }, summary: `Removed alert route ${route.name}`, before: { name: route.name, match: route.match } });
  });
}

interface RouteTarget {
  routeId: string;
  match: AlertMatch;
  throttleSeconds: number;
  channelId: string;
}

/**
 * Decides, in the transaction that raises the event, which channels hear of it: each enabled
 * route that matches, on each of its enabled channels, unless throttled or in a maintenance
 * window. Every decision is a delivery row — `pending`, with its outbox event for the
 * alert-send consumer, or `suppressed` with the reason — so the delivery log shows why nothing
 * went out.
 */
export async function routeAlertEvent(
  tx: SqlTx,
  event: { id: string; type: string; groupKey: string; severity: string; tier: "prod" | "nonprod" | null; resolves: boolean; data: unknown },
  now: Date,
): Promise<{ pending: number; suppressed: number }> {
  const facts = alertFacts(event);
  // A resolve goes wherever its group's alerts went, whatever its own type ("job.succeeded"
  // resolves "job.failed" on the PagerDuty route that only matches failures).
  const targets = (
    await tx.query<RouteTarget>(
      `SELECT r."id" AS "routeId", r."match", r."throttleSeconds", rc."channelId"
         FROM "AlertRoute" r JOIN "AlertRouteChannel" rc ON rc."routeId" = r."id" JOIN "NotificationChannel" c ON c."id" = rc."channelId"
        WHERE r."enabled" AND c."enabled"
          ${event.resolves ? `AND EXISTS (SELECT 1 FROM "AlertDelivery" d JOIN "AlertEvent" e ON e."id" = d."eventId" WHERE d."routeId" = r."id" AND d."channelId" = rc."channelId" AND e."groupKey" = $1)` : "AND $1::text IS NOT NULL"}
        ORDER BY r."position", r."id"`,
      [event.groupKey],
    )
  ).filter((target) => event.resolves || alertMatches(target.match, facts));
  if (targets.length === 0) return { pending: 0, suppressed: 0 };

  const windows = await tx.query<{ match: AlertMatch; startsAt: Date; endsAt: Date }>(`SELECT "match", "startsAt", "endsAt" FROM "MaintenanceWindow" WHERE "startsAt" <= $1 AND "endsAt" > $1`, [now]);
  const inMaintenance = windows.some((window) => windowActive(window, now) && alertMatches(window.match, facts));
  const result = { pending: 0, suppressed: 0 };
  for (const target of targets) {
    const decision = decideDelivery(event, await groupHistory(tx, target, event.groupKey), { throttleSeconds: target.throttleSeconds }, now, inMaintenance);
    const delivery = { eventId: event.id, channelId: target.channelId, routeId: target.routeId, groupKey: event.groupKey };
    if (decision.send) {
      queuePendingDelivery(tx, delivery, now);
      result.pending += 1;
    } else {
      tx.defer(`INSERT INTO "AlertDelivery" ("id", "eventId", "channelId", "routeId", "status", "lastError", "createdAt") VALUES ($1, $2, $3, $4, 'suppressed', $5, $6)`, [
        newId(now.getTime()),
        delivery.eventId,
        delivery.channelId,
        delivery.routeId,
        decision.reason,
        now,
      ]);
      result.suppressed += 1;
    }
  }
  return result;
}

/**
 * A delivery to send, and the outbox event that sends it (alert-send), in the caller's
 * transaction. Its stream is the group on the channel: the outbox hands those over one at a
 * time and in order, so a resolve never overtakes its retried trigger (which would leave a
 * PagerDuty incident open).
 */
export function queuePendingDelivery(tx: SqlTx, delivery: { eventId: string; channelId: string; routeId: string; groupKey: string }, now: Date): string {
  const id = newId(now.getTime());
  tx.defer(`INSERT INTO "AlertDelivery" ("id", "eventId", "channelId", "routeId", "status", "createdAt") VALUES ($1, $2, $3, $4, 'pending', $5)`, [
    id,
    delivery.eventId,
    delivery.channelId,
    delivery.routeId,
    now,
  ]);
  emitOutboxEvents(tx, [{ topic: "alert.delivery", streamKey: `alert:${delivery.channelId}:${delivery.groupKey}`, payload: { deliveryId: id } }], now);
  return id;
}

/** What this route and channel last said about the group: its last alert, and whether a resolve followed. */
async function groupHistory(tx: SqlTx, target: RouteTarget, groupKey: string): Promise<GroupHistory> {
  const [row] = await tx.query<{ lastResolves: boolean | null; lastAlertAt: Date | null }>(
    `SELECT (array_agg(e."resolves" ORDER BY d."createdAt" DESC, d."id" DESC))[1] AS "lastResolves",
            max(d."createdAt") FILTER (WHERE NOT e."resolves") AS "lastAlertAt"
       FROM "AlertDelivery" d JOIN "AlertEvent" e ON e."id" = d."eventId"
      WHERE d."routeId" = $1 AND d."channelId" = $2 AND e."groupKey" = $3 AND d."status" IN ('pending', 'sending', 'sent')`,
    [target.routeId, target.channelId, groupKey],
  );
  return { lastAlertAt: row?.lastAlertAt ?? null, open: row?.lastResolves === false };
}
