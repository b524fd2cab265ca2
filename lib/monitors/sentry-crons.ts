import * as Sentry from "@/lib/telemetry";
import { toSentryMonitorConfig } from "./checkin-input";
import type { MonitorConfig, ReportedCheckInStatus } from "./model";

/**
 * How check-ins reach Sentry Crons. `sdk`: through the initialised Sentry client
 * (@sentry/nextjs in the app, @sentry/node in the standalone worker; both share @sentry/core's
 * global client), which queues an envelope. `http`: Sentry's cron ingest URL derived from the
 * DSN, for setups that run without the SDK. `off`: stored locally only.
 */
export type CheckInTransport = "sdk" | "http" | "off";

export interface SentryCheckIn {
  slug: string;
  status: ReportedCheckInStatus;
  /** 32 hex digits; the same id for a pass's in_progress and its ok/error. */
  checkInId: string;
  environment: string;
  durationSeconds?: number;
  monitorConfig?: MonitorConfig;
}

export type SentryDelivery = { sent: true } | { sent: false; reason: string };

/** `https://<key>@o1.ingest.sentry.io/42` -> `https://o1.ingest.sentry.io/api/42/cron/<slug>/<key>/` */
export function cronIngestUrl(dsn: string, slug: string): string {
  const url = new URL(dsn);
  const projectId = url.pathname.split("/").filter(Boolean).pop();
  if (!url.username || !projectId) throw new Error("The DSN has no public key or project id.");
  const prefix = url.pathname.replace(/\/[^/]*\/?$/, "");
  return `${url.protocol}//${url.host}${prefix}/api/${projectId}/cron/${encodeURIComponent(slug)}/${encodeURIComponent(url.username)}/`;
}

export async function sendCheckInToSentry(
  checkIn: SentryCheckIn,
  options: { transport: CheckInTransport; dsn?: string; timeoutMs?: number },
): Promise<SentryDelivery> {
  if (options.transport === "off") return { sent: false, reason: "SENTRY_CRONS_TRANSPORT is off" };
  if (options.transport === "sdk") {
    if (!Sentry.getClient()) return { sent: false, reason: "the Sentry SDK is not initialised (no SENTRY_DSN)" };
    Sentry.captureCheckIn(
      { monitorSlug: checkIn.slug, status: checkIn.status, checkInId: checkIn.checkInId, ...(checkIn.durationSeconds === undefined ? {} : { duration: checkIn.durationSeconds }) },
      checkIn.monitorConfig,
    );
    return { sent: true };
  }
  if (!options.dsn) return { sent: false, reason: "no SENTRY_DSN to derive the cron URL from" };
  const body = {
    check_in_id: checkIn.checkInId,
    status: checkIn.status,
    environment: checkIn.environment,
    ...(checkIn.durationSeconds === undefined ? {} : { duration: checkIn.durationSeconds }),
    ...(checkIn.monitorConfig ? { monitor_config: toSentryMonitorConfig(checkIn.monitorConfig) } : {}),
  };
  try {
    const response = await fetch(cronIngestUrl(options.dsn, checkIn.slug), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    await response.body?.cancel().catch(() => {});
    return response.ok ? { sent: true } : { sent: false, reason: `Sentry answered ${response.status}` };
  } catch (error) {
    return { sent: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
