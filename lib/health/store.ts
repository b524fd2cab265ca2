import { announce } from "@/lib/alerts";
import { recordAudit, type AuditRecord } from "@/lib/audit";
import type { Actor } from "@/lib/auth";
import { getDb, getSql, Prisma } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { healthCheckInput, type HealthCheckDraft, type HealthState, type ProbeResult } from "./model";
import { auditSnapshot, checkFromRow, checkView, sampleView, type CheckColumns, type StoredHealthCheck } from "./present";
import { getHealthCheckView } from "./queries";
import { keepStoredSecrets } from "./secrets";
import { nextHealthState, type HealthTransition } from "./transitions";
import type { HealthCheckView, HealthSampleView } from "./views";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function loadCheck(id: string): Promise<StoredHealthCheck> {
  const db = await getDb();
  const row = await db.healthCheck.findUnique({ where: { id } });
  if (!row) throw new NotFound("Health check");
  return checkFromRow(row);
}

/** Validates a check as written by an admin; `stored` is the check being edited, whose secrets a `***` keeps. */
function validCheck(raw: unknown, stored: StoredHealthCheck | null): HealthCheckDraft {
  return keepStoredSecrets(parseInput(healthCheckInput, raw), stored);
}

export async function createHealthCheck(raw: unknown, actor: Actor, now: Date = new Date()): Promise<HealthCheckView> {
  const check = validCheck(raw, null);
  const db = await getDb();
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.healthCheck.create({
        data: { name: check.name, kind: check.kind, target: check.target as Prisma.InputJsonValue, intervalSeconds: check.intervalSeconds, timeoutMs: check.timeoutMs, enabled: check.enabled, nextCheckAt: now },
      });
      await recordAudit(tx, { actor, action: "health_check.created", target: { type: "health_check", id: created.id }, summary: `Health check “${check.name}” created`, after: auditSnapshot(check) });
      return created;
    });
    return checkView(checkFromRow(row));
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`A health check named “${check.name}” already exists.`, "name");
    throw error;
  }
}

/** Names of what an edit changed; a changed secret is named, never shown. */
function changedFields(before: HealthCheckDraft | StoredHealthCheck, after: HealthCheckDraft): string[] {
  const changed: string[] = (["name", "kind", "intervalSeconds", "timeoutMs", "enabled"] as const).filter((key) => before[key] !== after[key]);
  const beforeTarget: Record<string, unknown> = before.target;
  const afterTarget: Record<string, unknown> = after.target;
  for (const key of new Set([...Object.keys(beforeTarget), ...Object.keys(afterTarget)])) {
    if (JSON.stringify(beforeTarget[key]) !== JSON.stringify(afterTarget[key])) changed.push(`target.${key}`);
  }
  return changed;
}

/**
 * Replaces a check's settings. A changed target is probed at the next tick; its state and any
 * open incident stay until that probe says otherwise.
 */
export async function updateHealthCheck(id: string, raw: unknown, actor: Actor, now: Date = new Date()): Promise<HealthCheckView> {
  const current = await loadCheck(id);
  const check = validCheck(raw, current);
  const changes = changedFields(current, check);
  if (changes.length === 0) return getHealthCheckView(id, now);
  const probeChanged = changes.some((field) => field === "kind" || field.startsWith("target.") || field === "intervalSeconds" || field === "enabled");
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      await tx.healthCheck.update({
        where: { id },
        data: {
          name: check.name,
          kind: check.kind,
          target: check.target as Prisma.InputJsonValue,
          intervalSeconds: check.intervalSeconds,
          timeoutMs: check.timeoutMs,
          enabled: check.enabled,
          ...(probeChanged ? { nextCheckAt: now } : {}),
        },
      });
      await recordAudit(tx, {
        actor,
        action: "health_check.updated",
        target: { type: "health_check", id },
        summary: `Health check “${check.name}” changed: ${changes.join(", ")}`,
        before: auditSnapshot(current),
        after: auditSnapshot(check),
      });
    });
    return await getHealthCheckView(id, now);
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`A health check named “${check.name}” already exists.`, "name");
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw new NotFound("Health check");
    throw error;
  }
}

/** Deletes a check with its samples and incidents. */
export async function deleteHealthCheck(id: string, actor: Actor): Promise<void> {
  const current = await loadCheck(id);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.healthCheck.deleteMany({ where: { id } });
    if (count === 0) throw new NotFound("Health check");
    await recordAudit(tx, { actor, action: "health_check.deleted", target: { type: "health_check", id }, summary: `Health check “${current.name}” deleted`, before: auditSnapshot(current) });
  });
}

export interface RecordedProbe {
  sample: HealthSampleView;
  transition: HealthTransition;
  /** The check's state before this probe. */
  previous: HealthState;
}

/**
 * Stores a probe's sample and applies its transition in one transaction: the row lock makes
 * a tick's probe and an operator's "Run now" of the same check take turns, so an incident is
 * opened or resolved once. Null when the check was deleted meanwhile.
 */
export async function recordProbeResult(
  checkId: string,
  result: ProbeResult,
  at: Date,
  options: { nextCheckAt?: Date; audit?: (recorded: RecordedProbe) => AuditRecord } = {},
): Promise<RecordedProbe | null> {
  const db = await getDb();
  const recorded = await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ state: HealthState; name: string }[]>`SELECT "state"::text AS "state", "name" FROM "HealthCheck" WHERE "id" = ${checkId} FOR UPDATE`;
    if (!current) return null;
    const transition = nextHealthState(current.state, result);
    const sample = await tx.healthSample.create({ data: { checkId, ok: result.ok, latencyMs: result.latencyMs, error: result.ok ? null : (result.error ?? "failed"), createdAt: at } });
    await tx.healthCheck.update({ where: { id: checkId }, data: { state: transition.state, lastCheckedAt: at, ...(options.nextCheckAt ? { nextCheckAt: options.nextCheckAt } : {}) } });
    if (transition.incident.action === "open") {
      const open = await tx.healthIncident.findFirst({ where: { checkId, resolvedAt: null }, select: { id: true } });
      if (!open) await tx.healthIncident.create({ data: { checkId, reason: transition.incident.reason, startedAt: at } });
    } else if (transition.incident.action === "resolve") {
      await tx.healthIncident.updateMany({ where: { checkId, resolvedAt: null }, data: { resolvedAt: at } });
    }
    const stored = { sample: sampleView(sample), transition, previous: current.state, name: current.name };
    if (options.audit) await recordAudit(tx, options.audit(stored));
    return stored;
  });
  if (!recorded) return null;
  const { name, ...probe } = recorded;
  // After the commit: a down check pages where routes say; its recovery resolves the same group.
  if (probe.transition.incident.action === "open") {
    await announce({ type: "health.down", groupKey: `health:${checkId}`, severity: "error", tier: null, title: `${name} is down: ${probe.transition.incident.reason}`, data: { healthCheckId: checkId, reason: probe.transition.incident.reason }, occurredAt: at });
  } else if (probe.transition.incident.action === "resolve") {
    await announce({ type: "health.up", groupKey: `health:${checkId}`, severity: "info", tier: null, resolves: true, title: `${name} is up again`, data: { healthCheckId: checkId }, occurredAt: at });
  }
  return probe;
}

/**
 * Claims up to `limit` due checks (enabled, next check at or before `dueBy`) whose timeout
 * fits in `maxTimeoutMs`, moving each one's next check an interval past `now` in the same
 * statement. SKIP LOCKED keeps concurrent claimers (two workers, or the cron tick and a
 * worker) on different checks, and a claimed check is not due again until its next interval.
 */
export async function claimDueChecks(options: { now: Date; dueBy: Date; limit: number; maxTimeoutMs: number }): Promise<StoredHealthCheck[]> {
  const sql = await getSql();
  const rows = await sql.query<CheckColumns>(
    `UPDATE "HealthCheck" AS c
     SET "nextCheckAt" = $1::timestamptz + c."intervalSeconds" * interval '1 second'
     WHERE c."id" IN (
       SELECT "id" FROM "HealthCheck"
       WHERE "enabled" AND "nextCheckAt" <= $2::timestamptz AND "timeoutMs" <= $3
       ORDER BY "nextCheckAt"
       LIMIT $4
       FOR UPDATE SKIP LOCKED
     )
     RETURNING c."id", c."name", c."kind"::text AS "kind", c."target", c."intervalSeconds", c."timeoutMs", c."enabled", c."state"::text AS "state", c."lastCheckedAt", c."nextCheckAt", c."createdAt"`,
    [options.now, options.dueBy, Math.floor(options.maxTimeoutMs), options.limit],
  );
  return rows.map((row) => checkFromRow({ ...row, lastCheckedAt: row.lastCheckedAt ? new Date(row.lastCheckedAt) : null, nextCheckAt: new Date(row.nextCheckAt), createdAt: new Date(row.createdAt) }));
}
