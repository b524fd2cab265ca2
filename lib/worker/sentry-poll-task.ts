import { pollSentry } from "@/lib/sentry";
import { MINUTE_MS, oncePerSlot, type TickTask } from "./tick-task";

/**
 * Reconciles with Sentry's API on the tick: webhooks can be missed, and Sentry rate-limits its
 * API, so once per SENTRY_POLL_INTERVAL_MINUTES slot across every worker and the cron tick.
 */
export const sentryPollTask: TickTask = {
  name: "sentry-poll",
  schedule: oncePerSlot((config) => config.sentryPollIntervalMinutes * MINUTE_MS),
  run: async ({ now, config }) => {
    const settings = config.sentryIntegration;
    if (settings.projects.length === 0) return { skipped: "SENTRY_PROJECTS is not set." };
    if (!settings.apiToken || !settings.organization) return { skipped: "SENTRY_API_TOKEN and SENTRY_ORG are needed to poll." };
    const summary = await pollSentry({ now, settings });
    return summary.projects.map((project) => ({ project: project.project, fetched: project.fetched, created: project.created, updated: project.updated, error: project.error ?? null }));
  },
};
