import { getConfig } from "@/lib/config";
import { getDb, type DeliveryStatus } from "@/lib/db";
import { createSentryClient, type SentryApiSettings, type SentryClient } from "./client";
import { SentryApiError } from "./errors";

/** Where Sentry must send integration webhooks, relative to this app's public URL. */
export const SENTRY_WEBHOOK_PATH = "/api/webhooks/sentry";

/** The integration's settings as the settings page may show them: secrets only as "set or not". */
export interface SentrySettingsView {
  clientSecretConfigured: boolean;
  allowUnsigned: boolean;
  apiBaseUrl: string;
  organization: string | null;
  projects: string[];
  apiTokenConfigured: boolean;
  apiTimeoutMs: number;
}

export function sentrySettingsView(settings: SentryApiSettings = getConfig().sentryIntegration): SentrySettingsView {
  return {
    clientSecretConfigured: Boolean(settings.clientSecret),
    allowUnsigned: settings.allowUnsigned,
    apiBaseUrl: settings.apiBaseUrl,
    organization: settings.organization ?? null,
    projects: settings.projects,
    apiTokenConfigured: Boolean(settings.apiToken),
    apiTimeoutMs: settings.apiTimeoutMs,
  };
}

export interface LatestDelivery {
  resource: string;
  action: string | null;
  status: DeliveryStatus;
  signatureOk: boolean;
  error: string | null;
  receivedAt: string;
}

/** The most recent webhook delivery received, or null when Sentry has never called. */
export async function latestWebhookDelivery(): Promise<LatestDelivery | null> {
  const db = await getDb();
  const delivery = await db.webhookDelivery.findFirst({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    select: { resource: true, action: true, status: true, signatureOk: true, error: true, receivedAt: true },
  });
  return delivery ? { ...delivery, receivedAt: delivery.receivedAt.toISOString() } : null;
}

export interface PollCursorView {
  project: string;
  lastPolledAt: string | null;
  lastChangeAt: string | null;
  lastError: string | null;
}

/** The poller's state for each configured project (never polled: all null). */
export async function pollCursors(projects: string[] = getConfig().sentryIntegration.projects): Promise<PollCursorView[]> {
  if (projects.length === 0) return [];
  const db = await getDb();
  const rows = await db.sentryPollCursor.findMany({ where: { project: { in: projects } } });
  const byProject = new Map(rows.map((row) => [row.project, row]));
  return projects.map((project) => {
    const row = byProject.get(project);
    return {
      project,
      lastPolledAt: row?.lastPolledAt?.toISOString() ?? null,
      lastChangeAt: row?.lastChangeAt?.toISOString() ?? null,
      lastError: row?.lastError ?? null,
    };
  });
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
}

/**
 * The settings page's "Check API token": a Sentry-side failure is an answer for the admin
 * (`ok: false` and what to fix), not an error of this app.
 */
export async function checkSentryConnection(client: SentryClient = createSentryClient()): Promise<ConnectionCheck> {
  try {
    const { organization, projects } = await client.checkConnection();
    const connected = `Connected to ${organization.name ? `${organization.name} (${organization.slug})` : organization.slug}.`;
    const missing = projects.filter((project) => !project.found).map((project) => project.project);
    if (missing.length > 0) {
      return { ok: false, message: `${connected} But Sentry has no project ${missing.join(", ")} in this organization: check SENTRY_PROJECTS.` };
    }
    if (projects.length === 0) return { ok: true, message: `${connected} No projects are listed in SENTRY_PROJECTS, so the poller has nothing to read.` };
    return { ok: true, message: `${connected} Projects found: ${projects.map((project) => project.project).join(", ")}.` };
  } catch (error) {
    if (error instanceof SentryApiError) return { ok: false, message: error.message };
    throw error;
  }
}
