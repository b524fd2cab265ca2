import { getConfig } from "@/lib/config";
import { getDb, type Prisma } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import type { JobListQuery } from "./inputs";
import { JOB_STATUSES, type JobStatus } from "./model";
import { attemptView, jobView, logView, type JobAttemptView, type JobLogView, type JobView } from "./views";

export interface JobListPage {
  jobs: JobView[];
  nextCursor: string | null;
  /** Counts per status under the other filters; on the first page only. */
  counts: Record<JobStatus, number> | null;
}

const ISSUE_SUMMARY = { select: { id: true, sentryId: true, shortId: true, title: true } } as const;

function listWhere(query: Omit<JobListQuery, "limit" | "cursor">, withStatus: boolean): Prisma.RemediationJobWhereInput {
  return {
    ...(withStatus && query.status ? { status: { in: query.status } } : {}),
    ...(query.tier ? { tier: { in: query.tier } } : {}),
    ...(query.class ? { priorityClass: { in: query.class } } : {}),
    ...(query.source ? { source: { in: query.source } } : {}),
    ...(query.namespace ? { namespace: query.namespace } : {}),
    ...(query.script ? { script: query.script } : {}),
    ...(query.issueId ? { OR: [{ issueId: query.issueId }, { issue: { sentryId: query.issueId } }] } : {}),
    ...(query.ruleId ? { ruleId: query.ruleId } : {}),
  };
}

/** Newest first (ids are UUIDv7), one cursor page at a time. */
export async function listJobs(query: JobListQuery): Promise<JobListPage> {
  const db = await getDb();
  const config = getConfig();
  const rows = await db.remediationJob.findMany({
    where: { ...listWhere(query, true), ...(query.cursor ? { id: { lt: query.cursor } } : {}) },
    include: { issue: ISSUE_SUMMARY },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  let counts: JobListPage["counts"] = null;
  if (!query.cursor) {
    const grouped = await db.remediationJob.groupBy({ by: ["status"], where: listWhere(query, false), _count: { _all: true } });
    counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, grouped.find((group) => group.status === status)?._count._all ?? 0])) as Record<JobStatus, number>;
  }
  return { jobs: page.map((job) => jobView(job, config)), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null, counts };
}

export interface JobDetail {
  job: JobView;
  attempts: JobAttemptView[];
  logs: JobLogView[];
  /** More log lines than were sent: fetch them with ?after=<last id>. */
  logsTruncated: boolean;
  rule: { id: string; name: string } | null;
  parent: { id: string; script: string; status: JobStatus } | null;
  followUps: { id: string; script: string; status: JobStatus }[];
}

const DETAIL_LOG_LINES = 500;

export async function getJobDetail(id: string): Promise<JobDetail> {
  const db = await getDb();
  const job = await db.remediationJob.findUnique({
    where: { id },
    include: {
      issue: ISSUE_SUMMARY,
      rule: { select: { id: true, name: true } },
      attemptsLog: { orderBy: { attempt: "asc" } },
      logLines: { orderBy: { id: "asc" }, take: DETAIL_LOG_LINES + 1 },
    },
  });
  if (!job) throw new NotFound("Job");
  const [parent, followUps] = await Promise.all([
    job.parentJobId ? db.remediationJob.findUnique({ where: { id: job.parentJobId }, select: { id: true, script: true, status: true } }) : null,
    db.remediationJob.findMany({ where: { parentJobId: id }, select: { id: true, script: true, status: true }, orderBy: { id: "asc" }, take: 20 }),
  ]);
  return {
    job: jobView(job, getConfig()),
    attempts: job.attemptsLog.map(attemptView),
    logs: job.logLines.slice(0, DETAIL_LOG_LINES).map(logView),
    logsTruncated: job.logLines.length > DETAIL_LOG_LINES,
    rule: job.rule,
    parent,
    followUps,
  };
}

/** Log lines after a line id, for live tailing. */
export async function listJobLogs(id: string, query: { after?: number; limit: number }): Promise<{ logs: JobLogView[]; status: JobStatus }> {
  const db = await getDb();
  const job = await db.remediationJob.findUnique({ where: { id }, select: { status: true } });
  if (!job) throw new NotFound("Job");
  const lines = await db.jobLogLine.findMany({
    where: { jobId: id, ...(query.after !== undefined ? { id: { gt: BigInt(query.after) } } : {}) },
    orderBy: { id: "asc" },
    take: query.limit,
  });
  return { logs: lines.map(logView), status: job.status };
}

export async function hasAnyJob(): Promise<boolean> {
  const db = await getDb();
  return (await db.remediationJob.findFirst({ select: { id: true } })) !== null;
}

/** Distinct namespaces and scripts seen, for filter menus. */
export async function jobFilterValues(): Promise<{ namespaces: string[]; scripts: string[] }> {
  const db = await getDb();
  const [namespaces, scripts] = await Promise.all([
    db.remediationJob.findMany({ distinct: ["namespace"], select: { namespace: true }, orderBy: { namespace: "asc" }, take: 200 }),
    db.remediationJob.findMany({ distinct: ["script"], select: { script: true }, orderBy: { script: "asc" }, take: 200 }),
  ]);
  return { namespaces: namespaces.map((row) => row.namespace), scripts: scripts.map((row) => row.script) };
}
