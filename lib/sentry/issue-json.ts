import { z } from "zod";
import type { EventSnapshot, IssueSnapshot } from "@/lib/issues";
import { ISSUE_LEVELS, ISSUE_STATUSES } from "@/lib/issues";

const idString = z.union([z.string().min(1), z.number().int()]).transform(String);
const nullableString = z.string().nullish();
const isoDate = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be an ISO date" });
      return z.NEVER;
    }
    return date;
  });

const level = z
  .string()
  .nullish()
  .transform((value) => (ISSUE_LEVELS as readonly string[]).includes(value ?? "") ? (value as (typeof ISSUE_LEVELS)[number]) : undefined);

/** Sentry's issue serializer: the same shape in `issue` webhooks and the REST API. */
export const sentryIssueSchema = z.looseObject({
  id: idString,
  shortId: nullableString,
  title: z.string({ message: "must be a string" }),
  culprit: nullableString,
  permalink: nullableString,
  web_url: nullableString,
  level,
  status: z
    .string()
    .nullish()
    .transform((value) => ((ISSUE_STATUSES as readonly string[]).includes(value ?? "") ? (value as (typeof ISSUE_STATUSES)[number]) : undefined)),
  substatus: nullableString,
  platform: nullableString,
  project: z.looseObject({ id: idString.nullish(), slug: nullableString }).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  firstSeen: isoDate,
  lastSeen: isoDate,
  count: z.union([z.string(), z.number()]).nullish(),
  userCount: z.number().int().nullish(),
  assignedTo: z
    .union([z.string(), z.looseObject({ name: nullableString, email: nullableString, id: idString.nullish(), type: nullableString })])
    .nullish(),
});
export type SentryIssueJson = z.infer<typeof sentryIssueSchema>;

function assigneeName(assigned: SentryIssueJson["assignedTo"]): string | null {
  if (!assigned) return null;
  if (typeof assigned === "string") return assigned;
  return assigned.email ?? assigned.name ?? (assigned.id ? `${assigned.type ?? "user"}:${assigned.id}` : null);
}

function toCount(value: string | number | null | undefined): bigint | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    return BigInt(String(value).split(".")[0]!);
  } catch {
    return undefined;
  }
}

export function issueSnapshotFromJson(issue: SentryIssueJson): IssueSnapshot {
  return {
    sentryId: issue.id,
    shortId: issue.shortId ?? null,
    title: issue.title,
    culprit: issue.culprit ?? null,
    level: issue.level,
    status: issue.status,
    substatus: issue.substatus ?? null,
    projectId: issue.project?.id ?? null,
    projectSlug: issue.project?.slug ?? null,
    platform: issue.platform ?? null,
    metadata: issue.metadata ?? null,
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    count: toCount(issue.count),
    userCount: issue.userCount ?? undefined,
    assignee: assigneeName(issue.assignedTo),
    permalink: issue.permalink ?? issue.web_url ?? null,
  };
}

const tagPairs = z
  .union([
    z.array(z.tuple([z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])])),
    z.array(z.looseObject({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.null()]) })),
    z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  ])
  .nullish()
  .transform((tags): Record<string, string> => {
    if (!tags) return {};
    if (!Array.isArray(tags)) return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v ?? "")]));
    return Object.fromEntries(tags.map((tag) => (Array.isArray(tag) ? [tag[0], String(tag[1] ?? "")] : [tag.key, String(tag.value ?? "")])));
  });

/** An error event as Sentry sends it in `event_alert` and `error` webhooks. */
export const sentryEventSchema = z.looseObject({
  event_id: z.string({ message: "must be a string" }).min(1, { message: "must not be empty" }),
  issue_id: idString,
  title: nullableString,
  message: nullableString,
  culprit: nullableString,
  level: nullableString,
  platform: nullableString,
  environment: nullableString,
  release: nullableString,
  datetime: isoDate,
  timestamp: z.number().nullish(),
  tags: tagPairs,
  exception: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  project: z.union([z.number(), z.string()]).nullish(),
  web_url: nullableString,
  issue_url: nullableString,
});
export type SentryEventJson = z.infer<typeof sentryEventSchema>;

export function eventOccurredAt(event: SentryEventJson, fallback: Date): Date {
  if (event.datetime) return event.datetime;
  if (typeof event.timestamp === "number") return new Date(event.timestamp * 1000);
  return fallback;
}

/** What an event tells us about its issue (Sentry sends no issue object with events). */
export function issueSnapshotFromEvent(event: SentryEventJson, occurredAt: Date): IssueSnapshot {
  const environment = event.environment ?? event.tags.environment ?? null;
  const webUrl = event.web_url ? event.web_url.replace(/events\/[^/]+\/?$/, "") : null;
  return {
    sentryId: event.issue_id,
    title: event.title ?? event.message ?? undefined,
    culprit: event.culprit ?? null,
    level: (ISSUE_LEVELS as readonly string[]).includes(event.level ?? "") ? (event.level as (typeof ISSUE_LEVELS)[number]) : undefined,
    platform: event.platform ?? null,
    environment,
    projectId: event.project != null ? String(event.project) : undefined,
    metadata: event.metadata ?? undefined,
    lastSeen: occurredAt,
    firstSeen: occurredAt,
    permalink: webUrl ?? undefined,
  };
}

export function eventSnapshotFromJson(event: SentryEventJson, occurredAt: Date, triggeredRule?: string | null): EventSnapshot {
  return {
    sentryEventId: event.event_id,
    title: event.title ?? null,
    message: event.message ?? null,
    level: event.level ?? null,
    environment: event.environment ?? event.tags.environment ?? null,
    release: event.release ?? event.tags.release ?? null,
    platform: event.platform ?? null,
    tags: event.tags,
    exception: event.exception,
    triggeredRule: triggeredRule ?? null,
    occurredAt,
    data: { culprit: event.culprit ?? null, metadata: event.metadata ?? null, web_url: event.web_url ?? null },
  };
}
