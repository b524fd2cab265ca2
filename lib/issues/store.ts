import { newId, type Issue, type SqlTx } from "@/lib/db";
import { planIssueWrite, type IssueWrite } from "./merge";
import { PLACEHOLDER_TITLE, type ChangeSource, type IssueChange, type IssueSnapshot } from "./snapshot";

// Plain SQL (lib/db/sql.ts) rather than Prisma: this is the webhook hot path, and Prisma's
// per-query cost was most of an intake's time in `npm run bench:ingest`.

export interface AppliedIssue {
  issue: Issue;
  changes: IssueChange[];
}

type IssueRow = Omit<Issue, "count"> & { count: bigint | number | string };

function toIssue(row: IssueRow): Issue {
  return { ...row, count: BigInt(row.count) };
}

const CASTS: Partial<Record<keyof IssueWrite, string>> = { level: '::"IssueLevel"', status: '::"IssueStatus"', metadata: "::jsonb", count: "::bigint" };

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Creates or updates the issue a snapshot describes, inside the caller's transaction. */
export async function applyIssueSnapshot(
  tx: SqlTx,
  snapshot: IssueSnapshot,
  context: { observedAt: Date; source: ChangeSource; deliveryId?: string },
): Promise<AppliedIssue> {
  // One statement creates the row if it is new and, either way, locks it (an upsert takes the
  // row lock), so two deliveries for one issue merge one after the other instead of
  // overwriting each other. xmax = 0 only on a freshly inserted row.
  const [locked] = await tx.query<IssueRow & { inserted: boolean }>(
    `INSERT INTO "Issue" ("id", "sentryId", "title", "updatedAt") VALUES ($1, $2, $3, now())
     ON CONFLICT ("sentryId") DO UPDATE SET "sentryId" = EXCLUDED."sentryId"
     RETURNING *, (xmax = 0) AS "inserted"`,
    [newId(), snapshot.sentryId, snapshot.title ?? PLACEHOLDER_TITLE],
  );
  const { inserted, ...row } = locked!;
  const existing = toIssue(row);
  const plan = planIssueWrite(inserted ? null : existing, snapshot, context.observedAt, context.source);
  const entries = Object.entries(plan.data).filter(([field, value]) => !(field === "metadata" && value === null));
  if (entries.length === 0) return { issue: existing, changes: plan.changes };

  const params: unknown[] = [];
  const assignments = entries.map(([field, value]) => {
    params.push(field === "metadata" ? json(value) : field === "count" ? String(value) : value);
    return `"${field}" = $${params.length}${CASTS[field as keyof IssueWrite] ?? ""}`;
  });
  params.push(existing.id);
  // Deferred: the row is locked, so the merged state is known without reading it back, and
  // the write travels with the transaction's next statement.
  tx.defer(`UPDATE "Issue" SET ${assignments.join(", ")}, "updatedAt" = now() WHERE "id" = $${params.length}`, params);
  const issue: Issue = { ...existing, ...(Object.fromEntries(entries) as Partial<Issue>), updatedAt: new Date() };
  recordChangesOnTimeline(tx, issue.id, plan.changes, context.observedAt, context.deliveryId);
  return { issue, changes: plan.changes };
}

const STATUS_WORDS: Record<string, string> = { resolved: "Resolved", unresolved: "Unresolved", ignored: "Ignored (archived)" };

function recordChangesOnTimeline(tx: SqlTx, issueId: string, changes: IssueChange[], at: Date, deliveryId?: string): void {
  for (const change of changes) {
    const via = change.source === "poll" ? " (found by the Sentry poller)" : "";
    if (change.kind === "created") {
      addTimelineEntry(tx, { issueId, kind: "created", summary: `Issue first reported by Sentry${via}`, actor: "sentry", deliveryId, occurredAt: at });
    } else if (change.kind === "status_changed") {
      addTimelineEntry(tx, {
        issueId,
        kind: "status_changed",
        summary: `${STATUS_WORDS[change.to] ?? change.to} in Sentry${via}`,
        actor: "sentry",
        data: { from: change.from, to: change.to },
        deliveryId,
        occurredAt: at,
      });
    } else if (change.kind === "assigned") {
      addTimelineEntry(tx, {
        issueId,
        kind: "assigned",
        summary: change.to ? `Assigned to ${change.to}` : "Unassigned",
        actor: "sentry",
        data: { from: change.from, to: change.to },
        deliveryId,
        occurredAt: at,
      });
    }
  }
}

export interface EventSnapshot {
  sentryEventId: string;
  title?: string | null;
  message?: string | null;
  level?: string | null;
  environment?: string | null;
  release?: string | null;
  platform?: string | null;
  tags?: Record<string, string>;
  exception?: unknown;
  triggeredRule?: string | null;
  occurredAt: Date;
  data?: unknown;
}

/** Stores an event once per (issue, event id); returns false when it was already stored. */
export async function recordIssueEvent(tx: SqlTx, issueId: string, event: EventSnapshot, source: string): Promise<boolean> {
  const inserted = await tx.execute(
    `INSERT INTO "IssueEvent" ("id", "issueId", "sentryEventId", "source", "title", "message", "level", "environment", "release", "platform",
       "tags", "exception", "triggeredRule", "data", "occurredAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13, $14::jsonb, $15)
     ON CONFLICT ("issueId", "sentryEventId") DO NOTHING`,
    [
      newId(),
      issueId,
      event.sentryEventId,
      source,
      event.title ?? null,
      event.message ?? null,
      event.level ?? null,
      event.environment ?? null,
      event.release ?? null,
      event.platform ?? null,
      json(event.tags),
      json(event.exception),
      event.triggeredRule ?? null,
      json(event.data),
      event.occurredAt,
    ],
  );
  return inserted > 0;
}

/** Queues a timeline entry; it is written with the transaction's next statement. */
export function addTimelineEntry(
  tx: SqlTx,
  entry: { issueId: string; kind: string; summary: string; actor?: string | null; data?: unknown; deliveryId?: string; jobId?: string; occurredAt?: Date },
): void {
  tx.defer(
    `INSERT INTO "IssueTimelineEntry" ("id", "issueId", "kind", "actor", "summary", "data", "deliveryId", "jobId", "occurredAt")
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
    [newId(), entry.issueId, entry.kind, entry.actor ?? null, entry.summary, json(entry.data), entry.deliveryId ?? null, entry.jobId ?? null, entry.occurredAt ?? new Date()],
  );
}
