import { PLACEHOLDER_TITLE, type ChangeSource, type IssueChange, type IssueSnapshot, type StoredIssueState } from "./snapshot";

export type IssueWrite = Partial<StoredIssueState> & { title?: string };

export interface IssueWritePlan {
  /** Fields to write (for a new issue: all known fields). Empty when nothing changes. */
  data: IssueWrite;
  changes: IssueChange[];
}

const DESCRIPTIVE = ["shortId", "title", "culprit", "level", "environment", "projectId", "projectSlug", "platform", "metadata", "permalink"] as const;

function minDate(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a <= b ? a : b;
}

function maxDate(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a >= b ? a : b;
}

/** Deep equality that ignores object key order (PostgreSQL's jsonb does not keep it). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const aKeys = Object.keys(a);
    const bKeys = Object.keys(b);
    return aKeys.length === bKeys.length && aKeys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}

/**
 * Pure: how one snapshot changes a stored issue. Deliveries arrive out of order, so:
 * counters and "seen" times only move forward (max / min), and state that flips — status,
 * assignee, title — is taken only from a snapshot at least as new as the last one applied
 * (`observedAt` vs `sentryUpdatedAt`). An older "created" after a "resolved" cannot reopen.
 */
export function planIssueWrite(existing: StoredIssueState | null, incoming: IssueSnapshot, observedAt: Date, source: ChangeSource): IssueWritePlan {
  if (!existing) {
    const data: IssueWrite = {
      title: incoming.title ?? PLACEHOLDER_TITLE,
      shortId: incoming.shortId ?? null,
      culprit: incoming.culprit ?? null,
      level: incoming.level ?? "error",
      status: incoming.status ?? "unresolved",
      substatus: incoming.substatus ?? null,
      environment: incoming.environment ?? null,
      projectId: incoming.projectId ?? null,
      projectSlug: incoming.projectSlug ?? null,
      platform: incoming.platform ?? null,
      metadata: incoming.metadata ?? null,
      firstSeen: incoming.firstSeen ?? null,
      lastSeen: incoming.lastSeen ?? null,
      count: incoming.count ?? 0n,
      userCount: incoming.userCount ?? 0,
      assignee: incoming.assignee ?? null,
      permalink: incoming.permalink ?? null,
      // Only a snapshot that states the issue's status orders later ones; an issue first seen
      // through an event or a comment accepts the next issue webhook whatever its time.
      sentryUpdatedAt: incoming.status !== undefined ? observedAt : null,
      resolvedAt: incoming.status === "resolved" ? observedAt : null,
    };
    return { data, changes: [{ kind: "created", source }] };
  }

  const authoritative = existing.sentryUpdatedAt === null || observedAt >= existing.sentryUpdatedAt;
  const data: IssueWrite = {};
  const updatedFields: string[] = [];
  const changes: IssueChange[] = [];

  for (const field of DESCRIPTIVE) {
    const value = incoming[field];
    if (value === undefined) continue;
    const current = existing[field];
    const blank = current === null || current === undefined || (field === "title" && current === PLACEHOLDER_TITLE);
    // A stale snapshot may still fill a blank, but never overwrite a newer value.
    if (!authoritative && !blank) continue;
    if (!sameValue(current, value)) {
      (data as Record<string, unknown>)[field] = value;
      updatedFields.push(field);
    }
  }

  const forward: Partial<StoredIssueState> = {};
  const firstSeen = minDate(existing.firstSeen, incoming.firstSeen);
  if (!sameValue(firstSeen, existing.firstSeen)) forward.firstSeen = firstSeen;
  const lastSeen = maxDate(existing.lastSeen, incoming.lastSeen);
  if (!sameValue(lastSeen, existing.lastSeen)) forward.lastSeen = lastSeen;
  if (incoming.count != null && incoming.count > existing.count) forward.count = incoming.count;
  if (incoming.userCount != null && incoming.userCount > existing.userCount) forward.userCount = incoming.userCount;
  Object.assign(data, forward);
  updatedFields.push(...Object.keys(forward));

  if (authoritative) {
    if (incoming.status !== undefined && incoming.status !== existing.status) {
      data.status = incoming.status;
      data.resolvedAt = incoming.status === "resolved" ? observedAt : null;
      changes.push({ kind: "status_changed", from: existing.status, to: incoming.status, source });
    }
    if (incoming.substatus !== undefined && incoming.substatus !== existing.substatus) {
      data.substatus = incoming.substatus;
      if (incoming.status === undefined || incoming.status === existing.status) updatedFields.push("substatus");
    }
    if (incoming.assignee !== undefined && incoming.assignee !== existing.assignee) {
      data.assignee = incoming.assignee;
      changes.push({ kind: "assigned", from: existing.assignee, to: incoming.assignee, source });
    }
  }

  if (updatedFields.length > 0) changes.push({ kind: "updated", fields: updatedFields, source });
  if (authoritative && incoming.status !== undefined && !sameValue(existing.sentryUpdatedAt, observedAt)) {
    data.sentryUpdatedAt = maxDate(existing.sentryUpdatedAt, observedAt);
  }
  return { data, changes };
}
