import { randomUUID } from "node:crypto";
import type { DbOrTx, Issue, Prisma } from "@/lib/db";
import { planIssueWrite } from "./merge";
import { PLACEHOLDER_TITLE, type ChangeSource, type IssueChange, type IssueSnapshot } from "./snapshot";

export interface AppliedIssue {
  issue: Issue;
  changes: IssueChange[];
}

/** Creates or updates the issue a snapshot describes, inside the caller's transaction. */
export async function applyIssueSnapshot(
  tx: DbOrTx,
  snapshot: IssueSnapshot,
  context: { observedAt: Date; source: ChangeSource; deliveryId?: string },
): Promise<AppliedIssue> {
  // One statement creates the row if it is new and, either way, locks it (an upsert takes the
  // row lock), so two deliveries for one issue merge one after the other instead of
  // overwriting each other. xmax = 0 only on a freshly inserted row.
  const [locked] = await tx.$queryRaw<(Issue & { inserted: boolean })[]>`
    INSERT INTO "Issue" ("id", "sentryId", "title", "updatedAt")
    VALUES (${randomUUID()}, ${snapshot.sentryId}, ${snapshot.title ?? PLACEHOLDER_TITLE}, now())
    ON CONFLICT ("sentryId") DO UPDATE SET "sentryId" = EXCLUDED."sentryId"
    RETURNING *, (xmax = 0) AS "inserted"`;
  const { inserted, ...existing } = locked!;
  const plan = planIssueWrite(inserted ? null : existing, snapshot, context.observedAt, context.source);
  if (Object.keys(plan.data).length === 0) return { issue: existing, changes: plan.changes };

  const { metadata, ...rest } = plan.data;
  const issue = await tx.issue.update({
    where: { id: existing.id },
    data: { ...rest, ...(metadata !== undefined && metadata !== null ? { metadata: metadata as Prisma.InputJsonValue } : {}) },
  });
  await recordChangesOnTimeline(tx, issue.id, plan.changes, context.observedAt, context.deliveryId);
  return { issue, changes: plan.changes };
}

const STATUS_WORDS: Record<string, string> = { resolved: "Resolved", unresolved: "Unresolved", ignored: "Ignored (archived)" };

async function recordChangesOnTimeline(tx: DbOrTx, issueId: string, changes: IssueChange[], at: Date, deliveryId?: string): Promise<void> {
  const entries = changes.flatMap((change): { kind: string; summary: string; data?: Prisma.InputJsonValue }[] => {
    const via = change.source === "poll" ? " (found by the Sentry poller)" : "";
    switch (change.kind) {
      case "created":
        return [{ kind: "created", summary: `Issue first reported by Sentry${via}` }];
      case "status_changed":
        return [{ kind: "status_changed", summary: `${STATUS_WORDS[change.to] ?? change.to} in Sentry${via}`, data: { from: change.from, to: change.to } }];
      case "assigned":
        return [{ kind: "assigned", summary: change.to ? `Assigned to ${change.to}` : "Unassigned", data: { from: change.from, to: change.to } }];
      default:
        return [];
    }
  });
  if (entries.length === 0) return;
  await tx.issueTimelineEntry.createMany({
    data: entries.map((entry) => ({ issueId, kind: entry.kind, summary: entry.summary, data: entry.data, occurredAt: at, deliveryId, actor: "sentry" })),
  });
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
export async function recordIssueEvent(tx: DbOrTx, issueId: string, event: EventSnapshot, source: string): Promise<boolean> {
  const created = await tx.issueEvent.createMany({
    data: [
      {
        issueId,
        sentryEventId: event.sentryEventId,
        source,
        title: event.title ?? null,
        message: event.message ?? null,
        level: event.level ?? null,
        environment: event.environment ?? null,
        release: event.release ?? null,
        platform: event.platform ?? null,
        tags: event.tags as Prisma.InputJsonValue | undefined,
        exception: event.exception as Prisma.InputJsonValue | undefined,
        triggeredRule: event.triggeredRule ?? null,
        data: event.data as Prisma.InputJsonValue | undefined,
        occurredAt: event.occurredAt,
      },
    ],
    skipDuplicates: true,
  });
  return created.count > 0;
}

export async function addTimelineEntry(
  tx: DbOrTx,
  entry: { issueId: string; kind: string; summary: string; actor?: string | null; data?: unknown; deliveryId?: string; jobId?: string; occurredAt?: Date },
): Promise<void> {
  await tx.issueTimelineEntry.create({
    data: {
      issueId: entry.issueId,
      kind: entry.kind,
      summary: entry.summary,
      actor: entry.actor ?? null,
      data: entry.data as Prisma.InputJsonValue | undefined,
      deliveryId: entry.deliveryId,
      jobId: entry.jobId,
      occurredAt: entry.occurredAt ?? new Date(),
    },
  });
}

export async function findIssueBySentryId(tx: DbOrTx, sentryId: string): Promise<Issue | null> {
  return tx.issue.findUnique({ where: { sentryId } });
}
