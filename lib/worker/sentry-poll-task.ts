import { getDb } from "@/lib/db";
import { pollSentry } from "@/lib/sentry";
import type { TickTask } from "./tick-tasks";

/** Pure: whether the poller is due, from the oldest project's last poll. */
export function pollIsDue(lastPolled: (Date | null)[], projects: number, now: Date, intervalMinutes: number): boolean {
  if (projects === 0) return false;
  if (lastPolled.length < projects || lastPolled.some((at) => at === null)) return true;
  const oldest = Math.min(...lastPolled.map((at) => at!.getTime()));
  return now.getTime() - oldest >= intervalMinutes * 60_000;
}

/**
 * Reconciles with Sentry's API on the tick, at most every SENTRY_POLL_INTERVAL_MINUTES:
 * webhooks can be missed, and Sentry rate-limits its API.
 */
export const sentryPollTask: TickTask = {
  name: "sentry-poll",
  run: async ({ now, config }) => {
    const settings = config.sentryIntegration;
    if (settings.projects.length === 0) return { skipped: "SENTRY_PROJECTS is not set." };
    if (!settings.apiToken || !settings.organization) return { skipped: "SENTRY_API_TOKEN and SENTRY_ORG are needed to poll." };
    const db = await getDb();
    const cursors = await db.sentryPollCursor.findMany({ where: { project: { in: settings.projects } }, select: { lastPolledAt: true } });
    if (!pollIsDue(cursors.map((cursor) => cursor.lastPolledAt), settings.projects.length, now, config.sentryPollIntervalMinutes)) {
      return { skipped: `Polled less than ${config.sentryPollIntervalMinutes} min ago.` };
    }
    const summary = await pollSentry({ now, settings });
    return summary.projects.map((project) => ({ project: project.project, fetched: project.fetched, created: project.created, updated: project.updated, error: project.error ?? null }));
  },
};
