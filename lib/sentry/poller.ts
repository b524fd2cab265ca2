import * as Sentry from "@/lib/telemetry";
import { getConfig } from "@/lib/config";
import { getDb, getSql } from "@/lib/db";
import { applyIssueSnapshot, issueChangedEvent, type AppliedIssue, type IssueSnapshot } from "@/lib/issues";
import { announceOutboxEvents, emitOutboxEvents } from "@/lib/outbox";
import { createSentryClient, DEFAULT_MAX_PAGES, MAX_PAGE_SIZE, type SentryApiSettings, type SentryClient } from "./client";
import { SentryApiError, SentryNotConfigured, SentryNotFound } from "./errors";
import { issueSnapshotFromJson } from "./issue-json";
import { advanceCursor, lastSeenQuery, pollWindowStart, type PollWindowOptions } from "./poll-window";

/** Issues re-fetched one by one per project and run: each is one API call. */
export const DEFAULT_REFRESH_LIMIT = 50;

export interface PollOptions extends PollWindowOptions {
  now?: Date;
  client?: SentryClient;
  settings?: SentryApiSettings;
  /** Pages of up to 100 issues read per project and run (default 20). */
  maxPages?: number;
  /** Locally unresolved issues re-fetched per project and run (default 50). */
  refreshLimit?: number;
}

export interface ProjectPollSummary {
  project: string;
  /** Issues read from Sentry: the lastSeen window plus the re-fetched ones. */
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Of `fetched`, the locally unresolved issues re-fetched to catch status changes. */
  refreshed: number;
  /** Re-fetched issues Sentry no longer has (deleted, or merged into another). */
  missing: number;
  /** The page cap was reached: older issues in the window were not read this run. */
  truncated: boolean;
  error?: string;
}

export interface PollSummary {
  projects: ProjectPollSummary[];
  /** Why nothing was polled, when nothing was. */
  skipped?: string;
}

/**
 * Reconciles local issues with Sentry for every configured project. Webhooks can be missed
 * (Sentry gives up after 3 retries, and only retries some failures), so each run:
 *  (a) lists the project's issues whose lastSeen is after the cursor minus an overlap, and
 *  (b) re-fetches locally unresolved issues that (a) did not return, least recently
 *      refreshed first, to catch resolves/ignores done in Sentry, which do not move lastSeen.
 * Each page is applied in one transaction, with the outbox events of its changes. A project
 * that fails records lastError on its cursor and the others carry on.
 */
export async function pollSentry(options: PollOptions = {}): Promise<PollSummary> {
  const settings = options.settings ?? getConfig().sentryIntegration;
  const now = options.now ?? new Date();
  if (settings.projects.length === 0) {
    return { projects: [], skipped: "No Sentry projects to poll: set SENTRY_PROJECTS to a comma-separated list of project slugs." };
  }
  if (!options.client) {
    const missing = [...(settings.apiToken ? [] : ["SENTRY_API_TOKEN" as const]), ...(settings.organization ? [] : ["SENTRY_ORG" as const])];
    if (missing.length > 0) throw new SentryNotConfigured(missing);
  }
  const client = options.client ?? createSentryClient(settings);
  const projects: ProjectPollSummary[] = [];
  for (const project of settings.projects) projects.push(await pollProject(client, project, now, options));
  return { projects };
}

async function pollProject(client: SentryClient, project: string, now: Date, options: PollOptions): Promise<ProjectPollSummary> {
  const db = await getDb();
  const summary: ProjectPollSummary = { project, fetched: 0, created: 0, updated: 0, unchanged: 0, refreshed: 0, missing: 0, truncated: false };
  try {
    const cursor = await db.sentryPollCursor.findUnique({ where: { project } });
    const since = pollWindowStart(cursor?.lastChangeAt, now, options);

    const seen = new Set<string>();
    let newest = cursor?.lastChangeAt ?? null;
    const pages = client.listAllIssues({ project, query: lastSeenQuery(since), sort: "date", limit: MAX_PAGE_SIZE }, { maxPages: options.maxPages ?? DEFAULT_MAX_PAGES });
    for await (const page of pages) {
      // Issues can shift between pages while a new event arrives; apply each once.
      const fresh = page.issues.filter((issue) => !seen.has(issue.id));
      for (const issue of fresh) seen.add(issue.id);
      await applySnapshots(fresh.map(issueSnapshotFromJson), now, summary);
      newest = advanceCursor(newest, fresh.map((issue) => issue.lastSeen));
      summary.truncated = page.nextCursor !== null;
    }
    // The window was read: the cursor may move even if the refresh below fails.
    await db.sentryPollCursor.upsert({ where: { project }, create: { project, lastChangeAt: newest }, update: { lastChangeAt: newest } });

    const stale = await db.issue.findMany({
      where: { status: "unresolved", OR: [{ projectSlug: project }, { projectId: project }], sentryId: { notIn: [...seen] } },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: options.refreshLimit ?? DEFAULT_REFRESH_LIMIT,
      select: { id: true, sentryId: true },
    });
    const snapshots: IssueSnapshot[] = [];
    for (const local of stale) {
      try {
        snapshots.push(issueSnapshotFromJson(await client.getIssue(local.sentryId)));
      } catch (error) {
        if (!(error instanceof SentryNotFound)) throw error;
        summary.missing += 1;
      }
    }
    summary.refreshed = snapshots.length;
    await applySnapshots(snapshots, now, summary);
    if (stale.length > 0) {
      // The schema has no "last refreshed" column: updatedAt doubles as one so the next run
      // starts with the issues refreshed longest ago instead of re-checking the same few.
      await db.issue.updateMany({ where: { id: { in: stale.map((issue) => issue.id) } }, data: { updatedAt: now } });
    }

    await db.sentryPollCursor.update({ where: { project }, data: { lastPolledAt: now, lastError: null } });
  } catch (error) {
    summary.error = error instanceof Error ? error.message : String(error);
    if (!(error instanceof SentryApiError)) {
      Sentry.captureException(error, { tags: { poller: "sentry", project } });
      console.error(`Sentry poll of ${project} failed`, error);
    }
    await db.sentryPollCursor
      .upsert({ where: { project }, create: { project, lastError: summary.error }, update: { lastError: summary.error } })
      .catch((cursorError: unknown) => console.error(`Could not record the poll error for ${project}`, cursorError));
  }
  return summary;
}

async function applySnapshots(snapshots: IssueSnapshot[], now: Date, summary: ProjectPollSummary): Promise<void> {
  if (snapshots.length === 0) return;
  const sql = await getSql();
  const applied = await sql.transaction(async (tx) => {
    const results: AppliedIssue[] = [];
    for (const snapshot of snapshots) results.push(await applyIssueSnapshot(tx, snapshot, { observedAt: now, source: "poll" }));
    emitOutboxEvents(tx, results.flatMap(({ issue, changes }) => changes.map((change) => issueChangedEvent(issue, change))));
    return results;
  });
  for (const { changes } of applied) {
    summary.fetched += 1;
    if (changes.some((change) => change.kind === "created")) summary.created += 1;
    else if (changes.length > 0) summary.updated += 1;
    else summary.unchanged += 1;
  }
  if (applied.some(({ changes }) => changes.length > 0)) announceOutboxEvents();
}
