import { randomUUID } from "node:crypto";
import * as Sentry from "@/lib/telemetry";
import type { AppConfig } from "@/lib/config";
import type { MonitorConfig, ReportedCheckInStatus } from "./model";
import { sendCheckInToSentry, type SentryDelivery } from "./sentry-crons";
import { recordCheckIn } from "./store";

export type WorkerPassKind = "cron" | "standalone" | "embedded";

export interface WorkerPassReport {
  slug: string;
  checkInId: string;
  status: "ok" | "error";
  durationMs: number;
  sentry: { start: SentryDelivery; finish: SentryDelivery };
  /** Why the local record failed (the database may be what is down); the Sentry check-in still went. */
  storeError?: string;
}

/**
 * The monitor config a worker pass upserts: the Vercel tick runs on a crontab, a standalone
 * or embedded worker on an interval. Everything else comes from MONITOR_* settings.
 */
export function workerMonitorConfig(config: AppConfig, kind: WorkerPassKind): MonitorConfig {
  const monitors = config.workerMonitors;
  return {
    schedule: kind === "cron" ? { type: "crontab", value: config.cron.schedule } : { type: "interval", value: monitors.standaloneIntervalMinutes, unit: "minute" },
    checkinMargin: monitors.checkinMarginMinutes,
    maxRuntime: monitors.maxRuntimeMinutes,
    timezone: monitors.timezone,
    failureIssueThreshold: monitors.failureIssueThreshold,
    recoveryThreshold: monitors.recoveryThreshold,
  };
}

/**
 * Wraps one worker pass in check-ins: `in_progress` at its start and `ok` or `error` with its
 * duration at its end, one stable check-in id per pass and monitor, to one monitor per tier
 * the worker serves. Each check-in goes to Sentry first and is then stored here; a store that
 * fails (database down) never hides the pass from Sentry, which is the point of watching it.
 * The pass's own error is rethrown after its `error` check-in.
 */
export async function monitorWorkerPass<T>(
  pass: { kind: WorkerPassKind; workerId: string; tiers: ("prod" | "nonprod")[]; config: AppConfig },
  run: () => Promise<T>,
  options: { isFailure?: (result: T) => boolean; onReport?: (reports: WorkerPassReport[]) => void } = {},
): Promise<T> {
  const { config } = pass;
  const monitorConfig = workerMonitorConfig(config, pass.kind);
  const environment = config.sentry.environment;
  const transport = { transport: config.workerMonitors.transport, dsn: config.sentry.dsn };
  const monitors = [...new Set(pass.tiers)].map((tier) => ({ tier, slug: config.workerMonitors.slugs[tier], checkInId: randomUUID().replace(/-/g, "") }));

  const report = async (monitor: (typeof monitors)[number], status: ReportedCheckInStatus, durationMs?: number) => {
    const sentry = await sendCheckInToSentry(
      { slug: monitor.slug, status, checkInId: monitor.checkInId, environment, monitorConfig, ...(durationMs === undefined ? {} : { durationSeconds: durationMs / 1000 }) },
      transport,
    );
    let storeError: string | undefined;
    try {
      await recordCheckIn(
        { slug: monitor.slug, status, checkInId: monitor.checkInId, environment, durationMs, monitorConfig, warnings: [] },
        {
          source: pass.kind === "cron" ? "cron-tick" : pass.kind,
          workerId: pass.workerId,
          kind: "worker",
          name: `Batch worker (${monitor.tier})`,
          sentryDelivery: sentry.sent ? "sent" : `not sent: ${sentry.reason}`,
        },
      );
    } catch (error) {
      storeError = error instanceof Error ? error.message : String(error);
      console.warn(`[monitors] could not store the ${status} check-in of ${monitor.slug}: ${storeError}`);
    }
    return { sentry, storeError };
  };

  const started = Date.now();
  const starts = await Promise.all(monitors.map((monitor) => report(monitor, "in_progress")));
  const finish = async (status: "ok" | "error") => {
    const durationMs = Date.now() - started;
    const finishes = await Promise.all(monitors.map((monitor) => report(monitor, status, durationMs)));
    // The SDK sends from a buffer; a serverless function may be frozen once the tick answers.
    if (transport.transport === "sdk") await Sentry.flush(2000);
    options.onReport?.(
      monitors.map((monitor, index) => ({
        slug: monitor.slug,
        checkInId: monitor.checkInId,
        status,
        durationMs,
        sentry: { start: starts[index]!.sentry, finish: finishes[index]!.sentry },
        storeError: starts[index]!.storeError ?? finishes[index]!.storeError,
      })),
    );
  };
  let result: T;
  try {
    result = await run();
  } catch (error) {
    await finish("error");
    throw error;
  }
  await finish(options.isFailure?.(result) ? "error" : "ok");
  return result;
}
