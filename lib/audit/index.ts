import { getDb, newId, type DbOrTx, type Prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";

export interface AuditRecord {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  summary?: string;
  before?: unknown;
  after?: unknown;
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

/** Writes one audit entry; pass the mutation's transaction so both commit or neither does. */
export async function recordAudit(db: DbOrTx, record: AuditRecord): Promise<void> {
  await db.auditLogEntry.create({
    data: {
      actorType: record.actor.type,
      actorId: record.actor.id,
      actorLabel: record.actor.label,
      ip: record.actor.ip,
      action: record.action,
      targetType: record.target?.type,
      targetId: record.target?.id,
      summary: record.summary,
      before: toJson(record.before),
      after: toJson(record.after),
    },
  });
}

/**
 * The same entry as a plain-SQL statement, for mutations that run on the SQL hot path
 * (lib/db/sql.ts) and fold it into their own statement so both commit together. It is an
 * `INSERT … SELECT` without FROM, so a caller may append a WHERE clause to make it conditional.
 */
export function auditStatement(record: AuditRecord, at: Date = new Date()): { text: string; params: unknown[] } {
  return {
    text: `INSERT INTO "AuditLogEntry" ("id", "actorType", "actorId", "actorLabel", "ip", "action", "targetType", "targetId", "summary", "before", "after", "createdAt")
           SELECT $1, $2::"ActorType", $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::timestamptz`,
    params: [
      newId(at.getTime()),
      record.actor.type,
      record.actor.id ?? null,
      record.actor.label,
      record.actor.ip ?? null,
      record.action,
      record.target?.type ?? null,
      record.target?.id ?? null,
      record.summary ?? null,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
      at,
    ],
  };
}

export interface AuditPage {
  entries: {
    id: string;
    createdAt: string;
    actorType: string;
    actorLabel: string;
    action: string;
    targetType: string | null;
    targetId: string | null;
    summary: string | null;
    before: unknown;
    after: unknown;
    ip: string | null;
  }[];
  nextCursor: string | null;
}

/** Newest first. Ids are UUIDv7, so ordering by id is ordering by creation time. */
export async function listAuditEntries(query: { limit: number; cursor?: string; action?: string }): Promise<AuditPage> {
  const db = await getDb();
  const rows = await db.auditLogEntry.findMany({
    where: {
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
      ...(query.action ? { action: { startsWith: query.action } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      actorType: row.actorType,
      actorLabel: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      summary: row.summary,
      before: row.before,
      after: row.after,
      ip: row.ip,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
