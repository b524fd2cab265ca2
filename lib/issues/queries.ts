import { getConfig } from "@/lib/config";
import { getDb, type Issue, type IssueLevel, type IssueStatus, type JobStatus, type Prisma } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import {
  eventTags,
  exceptionHeadline,
  mergeTimeline,
  sentryIssueUrl,
  topInAppFrames,
  type StackFrameView,
  type TimelineItem,
} from "./detail-view";
import { encodeIssueCursor, type IssueCursor, type IssueListFilter, type IssueListQuery, type IssueSort, type SortOrder } from "./list-query";
import { ISSUE_LEVELS, ISSUE_STATUSES } from "./snapshot";

export interface IssueListItem {
  id: string;
  sentryId: string;
  shortId: string | null;
  title: string;
  culprit: string | null;
  level: IssueLevel;
  status: IssueStatus;
  substatus: string | null;
  environment: string | null;
  projectSlug: string | null;
  platform: string | null;
  /** Sentry's event count can exceed 2^53: a decimal string. */
  count: string;
  userCount: number;
  assignee: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  /** The issue's latest remediation job, if any. */
  remediation: IssueRemediation | null;
}

export interface IssueRemediation {
  jobId: string;
  script: string;
  status: JobStatus;
  tier: "prod" | "nonprod";
  createdAt: string;
  finishedAt: string | null;
  /** The closed loop's state after success (resolving, verifying, verified, ineffective, resolve_failed), if any. */
  verification: string | null;
}

export interface IssueFacets {
  /** Per status, under every current filter except status. */
  status: Record<IssueStatus, number>;
  /** Per level, under every current filter except level. */
  level: Record<IssueLevel, number>;
  /** Issues matching every current filter. */
  total: number;
  /** Every environment and project seen on any issue (for the filter menus). */
  environments: string[];
  projects: string[];
}

export interface IssueListPage {
  issues: IssueListItem[];
  nextCursor: string | null;
  /** On the first page only (no cursor): later pages of the same view would repeat the same counts. */
  facets: IssueFacets | null;
}

const FACET_NAMES_MAX = 200;

function filterWhere(filter: Partial<IssueListFilter>): Prisma.IssueWhereInput {
  const and: Prisma.IssueWhereInput[] = [];
  if (filter.status) and.push({ status: filter.status });
  if (filter.level) and.push({ level: filter.level });
  if (filter.environment) and.push({ environment: filter.environment });
  if (filter.project) and.push({ projectSlug: filter.project });
  if (filter.q) {
    const contains = { contains: filter.q, mode: "insensitive" as const };
    and.push({
      OR: [
        { title: contains },
        { culprit: contains },
        { shortId: contains },
        // A pasted Sentry issue id finds its issue too.
        ...(/^\d+$/.test(filter.q) ? [{ sentryId: filter.q }] : []),
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

type SortValue = Date | bigint | number | null;

function sortValueOf(issue: Issue, sort: IssueSort): SortValue {
  return issue[sort];
}

function cursorValue(value: SortValue): IssueCursor["value"] {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

function storedValue(sort: IssueSort, value: IssueCursor["value"]): SortValue {
  if (value === null) return null;
  if (sort === "count") return BigInt(value);
  if (sort === "userCount") return Number(value);
  return new Date(value);
}

/**
 * Rows strictly after the cursor (sort value, then id, both in the list's direction). The
 * redundant `lte`/`gte` bound lets PostgreSQL start its index scan at the cursor instead of
 * filtering from the top of the index.
 */
function afterCursor(sort: IssueSort, order: SortOrder, value: Exclude<SortValue, null>, id: string): Prisma.IssueWhereInput {
  const [beyond, bound] = order === "desc" ? (["lt", "lte"] as const) : (["gt", "gte"] as const);
  return {
    [sort]: { [bound]: value },
    OR: [{ [sort]: { [beyond]: value } }, { [sort]: value, id: { [beyond]: id } }],
  };
}

/**
 * One page in the requested order. The two date sorts keep issues without that date last in
 * both directions, read as two index-friendly ranges: dated rows (by the date index), then
 * undated rows by id. A cursor inside the undated range continues there.
 */
async function readPage(where: Prisma.IssueWhereInput, query: IssueListQuery): Promise<Issue[]> {
  const db = await getDb();
  const { sort, order, cursor, limit } = query;
  const take = limit + 1;
  const byId = { id: order } as const;
  const nullable = sort === "lastSeen" || sort === "firstSeen";

  if (!nullable) {
    const after = cursor ? afterCursor(sort, order, storedValue(sort, cursor.value)!, cursor.id) : {};
    return db.issue.findMany({ where: { AND: [where, after] }, orderBy: [{ [sort]: order }, byId], take });
  }

  const inUndatedRange = cursor !== undefined && cursor.value === null;
  const dated = inUndatedRange
    ? []
    : await db.issue.findMany({
        where: { AND: [where, { [sort]: { not: null } }, cursor ? afterCursor(sort, order, storedValue(sort, cursor.value)!, cursor.id) : {}] },
        orderBy: [{ [sort]: order }, byId],
        take,
      });
  if (dated.length === take) return dated;
  const undated = await db.issue.findMany({
    where: { AND: [where, { [sort]: null }, inUndatedRange ? { id: { [order === "desc" ? "lt" : "gt"]: cursor.id } } : {}] },
    orderBy: [byId],
    take: take - dated.length,
  });
  return [...dated, ...undated];
}

async function readFacets(filter: IssueListFilter): Promise<IssueFacets> {
  const db = await getDb();
  const [byStatus, byLevel, environments, projects] = await Promise.all([
    db.issue.groupBy({ by: ["status"], where: filterWhere({ ...filter, status: undefined }), _count: { _all: true } }),
    db.issue.groupBy({ by: ["level"], where: filterWhere({ ...filter, level: undefined }), _count: { _all: true } }),
    db.issue.groupBy({ by: ["environment"], where: { environment: { not: null } }, orderBy: { environment: "asc" }, take: FACET_NAMES_MAX }),
    db.issue.groupBy({ by: ["projectSlug"], where: { projectSlug: { not: null } }, orderBy: { projectSlug: "asc" }, take: FACET_NAMES_MAX }),
  ]);
  const status = Object.fromEntries(ISSUE_STATUSES.map((s) => [s, byStatus.find((row) => row.status === s)?._count._all ?? 0])) as Record<IssueStatus, number>;
  const level = Object.fromEntries(ISSUE_LEVELS.map((l) => [l, byLevel.find((row) => row.level === l)?._count._all ?? 0])) as Record<IssueLevel, number>;
  const total = filter.status ? status[filter.status] : Object.values(status).reduce((sum, n) => sum + n, 0);
  return {
    status,
    level,
    total,
    environments: environments.map((row) => row.environment!),
    projects: projects.map((row) => row.projectSlug!),
  };
}

/** The newest job of each issue (DISTINCT ON reads the (issueId, createdAt) index). */
async function latestJobs(issueIds: string[]): Promise<Map<string, IssueRemediation>> {
  if (issueIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.$queryRaw<{ issueId: string; id: string; script: string; status: JobStatus; tier: "prod" | "nonprod"; createdAt: Date; finishedAt: Date | null; verification: string | null }[]>`
    SELECT DISTINCT ON ("issueId") "issueId", "id", "script", "status"::text AS "status", "tier"::text AS "tier", "createdAt", "finishedAt", "verification"::text AS "verification"
    FROM "RemediationJob" WHERE "issueId" = ANY(${issueIds}::text[]) ORDER BY "issueId", "createdAt" DESC`;
  return new Map(rows.map((row) => [row.issueId, remediationView(row)]));
}

function remediationView(job: { id: string; script: string; status: JobStatus; tier: "prod" | "nonprod"; createdAt: Date; finishedAt: Date | null; verification: string | null }): IssueRemediation {
  return { jobId: job.id, script: job.script, status: job.status, tier: job.tier, createdAt: job.createdAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null, verification: job.verification };
}

function listItem(issue: Issue, remediation: IssueRemediation | null = null): IssueListItem {
  return {
    id: issue.id,
    sentryId: issue.sentryId,
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    status: issue.status,
    substatus: issue.substatus,
    environment: issue.environment,
    projectSlug: issue.projectSlug,
    platform: issue.platform,
    count: issue.count.toString(),
    userCount: issue.userCount,
    assignee: issue.assignee,
    firstSeen: issue.firstSeen?.toISOString() ?? null,
    lastSeen: issue.lastSeen?.toISOString() ?? null,
    remediation,
  };
}

/**
 * One page of issues under the filters, in the requested order, with a cursor for the next
 * page (it encodes the last row's sort key and id, so inserts meanwhile shift nothing) and,
 * on the first page, the counts the filter bar shows. The page itself reads the sort key's
 * index; the counts are aggregates PostgreSQL answers from the (status, level) and
 * (environment, status) indexes.
 */
export async function listIssues(query: IssueListQuery): Promise<IssueListPage> {
  const filter: IssueListFilter = { status: query.status, level: query.level, environment: query.environment, project: query.project, q: query.q };
  const [rows, facets] = await Promise.all([readPage(filterWhere(filter), query), query.cursor ? null : readFacets(filter)]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeIssueCursor({ sort: query.sort, order: query.order, value: cursorValue(sortValueOf(last, query.sort)), id: last.id })
      : null;
  const jobs = await latestJobs(page.map((issue) => issue.id));
  return { issues: page.map((issue) => listItem(issue, jobs.get(issue.id) ?? null)), nextCursor, facets };
}

/** Whether any issue was ever received: tells "nothing matches" apart from "nothing yet". */
export async function hasAnyIssue(): Promise<boolean> {
  const db = await getDb();
  return (await db.issue.findFirst({ select: { id: true } })) !== null;
}

export interface IssueView extends IssueListItem {
  projectId: string | null;
  metadata: unknown;
  permalink: string | null;
  sentryUpdatedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface IssueEventSummary {
  id: string;
  sentryEventId: string;
  source: string;
  title: string | null;
  message: string | null;
  level: string | null;
  environment: string | null;
  release: string | null;
  platform: string | null;
  triggeredRule: string | null;
  occurredAt: string;
  receivedAt: string;
}

export interface LatestEventView extends IssueEventSummary {
  exception: { type: string | null; value: string | null } | null;
  frames: StackFrameView[];
  /** False when no frame is marked in-app and the innermost frames are shown instead. */
  framesInAppOnly: boolean;
}

export interface IssueDetail {
  issue: IssueView;
  /** The latest event's tags, sorted by key. */
  tags: { key: string; value: string }[];
  latestEvent: LatestEventView | null;
  /** Newest first, at most RECENT_EVENTS_LIMIT. */
  recentEvents: IssueEventSummary[];
  /** Oldest first. */
  timeline: TimelineItem[];
  /** Where to open the issue in Sentry. */
  sentryUrl: string | null;
  /** Its remediation jobs, newest first (at most RECENT_JOBS_LIMIT). */
  jobs: IssueRemediation[];
}

export const RECENT_JOBS_LIMIT = 10;

export const RECENT_EVENTS_LIMIT = 20;
const TIMELINE_LIMIT = 200;

function eventSummary(event: Omit<IssueEventSummary, "occurredAt" | "receivedAt"> & { occurredAt: Date; receivedAt: Date }): IssueEventSummary {
  return {
    id: event.id,
    sentryEventId: event.sentryEventId,
    source: event.source,
    title: event.title,
    message: event.message,
    level: event.level,
    environment: event.environment,
    release: event.release,
    platform: event.platform,
    triggeredRule: event.triggeredRule,
    occurredAt: event.occurredAt.toISOString(),
    receivedAt: event.receivedAt.toISOString(),
  };
}

/**
 * Everything the detail page shows about one issue. `idOrSentryId` is this app's id or
 * Sentry's numeric issue id (what appears in Sentry URLs). Throws NotFound.
 */
export async function getIssueDetail(idOrSentryId: string): Promise<IssueDetail> {
  const db = await getDb();
  const key = idOrSentryId.trim();
  const issue = /^\d+$/.test(key)
    ? ((await db.issue.findUnique({ where: { sentryId: key } })) ?? (await db.issue.findUnique({ where: { id: key } })))
    : key
      ? await db.issue.findUnique({ where: { id: key } })
      : null;
  if (!issue) throw new NotFound("Issue");

  const [events, latest, entries, deliveries, jobs] = await Promise.all([
    db.issueEvent.findMany({
      where: { issueId: issue.id },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: RECENT_EVENTS_LIMIT,
      omit: { tags: true, exception: true, data: true },
    }),
    db.issueEvent.findFirst({ where: { issueId: issue.id }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }] }),
    db.issueTimelineEntry.findMany({ where: { issueId: issue.id }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: TIMELINE_LIMIT }),
    db.webhookDelivery.findMany({
      where: { issueId: issue.id },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
      select: { id: true, resource: true, action: true, status: true, error: true, receivedAt: true },
    }),
    db.remediationJob.findMany({
      where: { issueId: issue.id },
      orderBy: { createdAt: "desc" },
      take: RECENT_JOBS_LIMIT,
      select: { id: true, script: true, status: true, tier: true, createdAt: true, finishedAt: true, verification: true },
    }),
  ]);

  const top = latest ? topInAppFrames(latest.exception) : { frames: [], inAppOnly: true };
  const view: IssueView = {
    ...listItem(issue, jobs[0] ? remediationView(jobs[0]) : null),
    projectId: issue.projectId,
    metadata: issue.metadata,
    permalink: issue.permalink,
    sentryUpdatedAt: issue.sentryUpdatedAt?.toISOString() ?? null,
    resolvedAt: issue.resolvedAt?.toISOString() ?? null,
    createdAt: issue.createdAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
  };
  return {
    issue: view,
    tags: latest ? eventTags(latest.tags) : [],
    latestEvent: latest ? { ...eventSummary(latest), exception: exceptionHeadline(latest.exception), frames: top.frames, framesInAppOnly: top.inAppOnly } : null,
    recentEvents: events.map(eventSummary),
    timeline: mergeTimeline(entries, deliveries).slice(-TIMELINE_LIMIT),
    sentryUrl: sentryIssueUrl(issue, getConfig().sentryIntegration),
    jobs: jobs.map(remediationView),
  };
}
