import { getDb, type DbOrTx, type Prisma } from "@/lib/db";
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
