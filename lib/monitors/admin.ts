import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { sha256Hex, type Actor } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { monitorConfigFrom, monitorConfigInput } from "./checkin-input";
import { configColumns, configOf, scheduleOf } from "./columns";
import type { FinishedCheckInStatus } from "./model";
import { monitorSlugProblem } from "./names";
import { nextExpectedAt } from "./schedule";
import { MONITOR_TOKEN_PREFIX } from "./ingest";
import { statusAfter } from "./state";

const slugField = z.string().superRefine((value, ctx) => {
  const problem = monitorSlugProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Creating a monitor by hand, before its first check-in: Sentry's monitor_config plus a name. */
export const createMonitorInput = z.object({
  slug: slugField,
  name: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters").optional(),
  monitor_config: monitorConfigInput,
  relay_to_sentry: z.boolean().default(false),
});

export const updateMonitorInput = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters").optional(),
    enabled: z.boolean().optional(),
    relay_to_sentry: z.boolean().optional(),
    monitor_config: monitorConfigInput.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: "send at least one of name, enabled, relay_to_sentry, monitor_config" });

/** Shown once: only its hash is stored. */
function newMonitorToken(): string {
  return MONITOR_TOKEN_PREFIX + randomBytes(24).toString("base64url");
}

export async function createMonitor(input: z.infer<typeof createMonitorInput>, actor: Actor): Promise<{ slug: string; token: string }> {
  const db = await getDb();
  const config = input.monitor_config;
  const token = newMonitorToken();
  const existing = await db.monitor.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (existing) throw new Conflict(`A monitor with the slug "${input.slug}" already exists.`, "slug");
  return db.$transaction(async (tx) => {
    const monitor = await tx.monitor.create({
      data: {
        id: randomUUID(),
        slug: input.slug,
        name: input.name ?? input.slug,
        ...configColumns(monitorConfigFrom(config)),
        relayToSentry: input.relay_to_sentry,
        tokenHash: sha256Hex(token),
        tokenPrefix: token.slice(0, MONITOR_TOKEN_PREFIX.length + 6),
      },
    });
    await recordAudit(tx, { actor, action: "monitor.created", target: { type: "monitor", id: monitor.id }, summary: `Monitor ${monitor.slug} created` });
    return { slug: monitor.slug, token };
  });
}

export async function updateMonitor(slug: string, input: z.infer<typeof updateMonitorInput>, actor: Actor, now: Date = new Date()): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const monitor = await tx.monitor.findUnique({ where: { slug } });
    if (!monitor) throw new NotFound(`Monitor "${slug}"`);
    const data: Parameters<typeof tx.monitor.update>[0]["data"] = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.relay_to_sentry !== undefined) data.relayToSentry = input.relay_to_sentry;
    if (input.monitor_config) Object.assign(data, configColumns(monitorConfigFrom(input.monitor_config, configOf(monitor))));
    if (input.enabled === false) data.status = "disabled";
    if (input.enabled === true && monitor.status === "disabled") {
      // Back on: judged from now, not for the runs it missed while off.
      const latest = await tx.monitorCheckIn.findFirst({ where: { monitorId: monitor.id, status: { not: "in_progress" } }, orderBy: { startedAt: "desc" }, select: { status: true } });
      data.status = statusAfter(latest?.status as FinishedCheckInStatus | undefined);
      const schedule = input.monitor_config?.schedule ?? scheduleOf(monitor);
      data.nextExpectedAt = nextExpectedAt(schedule, input.monitor_config?.timezone ?? monitor.timezone, now);
    }
    await tx.monitor.update({ where: { id: monitor.id }, data });
    await recordAudit(tx, { actor, action: "monitor.updated", target: { type: "monitor", id: monitor.id }, summary: `Monitor ${slug} updated: ${Object.keys(input).join(", ")}`, after: input });
  });
}

export async function deleteMonitor(slug: string, actor: Actor): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const monitor = await tx.monitor.findUnique({ where: { slug }, select: { id: true } });
    if (!monitor) throw new NotFound(`Monitor "${slug}"`);
    await tx.monitor.delete({ where: { id: monitor.id } });
    await recordAudit(tx, { actor, action: "monitor.deleted", target: { type: "monitor", id: monitor.id }, summary: `Monitor ${slug} deleted with its check-ins` });
  });
}

/** A new check-in token for the monitor; the old one stops working at once. */
export async function rotateMonitorToken(slug: string, actor: Actor): Promise<{ token: string }> {
  const db = await getDb();
  const token = newMonitorToken();
  await db.$transaction(async (tx) => {
    const monitor = await tx.monitor.findUnique({ where: { slug }, select: { id: true } });
    if (!monitor) throw new NotFound(`Monitor "${slug}"`);
    await tx.monitor.update({ where: { id: monitor.id }, data: { tokenHash: sha256Hex(token), tokenPrefix: token.slice(0, MONITOR_TOKEN_PREFIX.length + 6) } });
    await recordAudit(tx, { actor, action: "monitor.token_rotated", target: { type: "monitor", id: monitor.id }, summary: `New check-in token for monitor ${slug}` });
  });
  return { token };
}
