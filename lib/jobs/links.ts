import { appBaseUrl, type AppConfig } from "@/lib/config";

export function jobPageUrl(config: AppConfig, jobId: string): string {
  return `${appBaseUrl(config)}/jobs/${jobId}`;
}

export function jobCallbackUrl(config: AppConfig, jobId: string): string {
  return `${appBaseUrl(config)}/api/jobs/${jobId}/callback`;
}

/** The job's trace in Sentry's trace view, when this app reports to a Sentry organization. */
export function sentryTraceUrl(config: AppConfig, traceId: string | null): string | null {
  if (!traceId || !config.sentryIntegration.organization) return null;
  const base = config.sentryIntegration.apiBaseUrl;
  const host = base === "https://sentry.io" ? `https://${config.sentryIntegration.organization}.sentry.io` : `${base}/organizations/${config.sentryIntegration.organization}`;
  return `${host}/explore/traces/trace/${traceId}/`;
}
