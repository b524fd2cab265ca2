import { z } from "zod";
import { INTERVAL_UNITS, MONITOR_CONFIG_DEFAULTS, THRESHOLD_MAX, type MonitorConfig, type ReportedCheckInStatus } from "./model";
import { environmentProblem, monitorSlugProblem } from "./names";
import { crontabProblem, isKnownTimezone } from "./schedule";

/**
 * The check-in forms Sentry's cron HTTP API accepts (query string on GET/POST, or a JSON body
 * that is a whole check-in and may upsert the monitor), parsed into one shape. Field names in
 * errors are Sentry's own (`monitor_config.schedule.value`), so a curl from Sentry's docs gets
 * an answer that points at its own parameter.
 */

/** Sentry's limits: margin and runtime up to 28 days (in minutes), thresholds 1..720. */
const MAX_MINUTES = 40_320;

const minutes = (label: string) =>
  z.number({ error: `must be a number of minutes` }).int(`must be a whole number of minutes`).min(1, `${label} must be at least 1 minute`).max(MAX_MINUTES, `must be at most ${MAX_MINUTES} minutes (28 days)`);

const threshold = z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(THRESHOLD_MAX, `must be at most ${THRESHOLD_MAX}`);

const schedule = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("crontab"),
      value: z.string({ error: "must be a crontab string such as \"0 * * * *\"" }).superRefine((value, ctx) => {
        const problem = crontabProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    }),
    z.object({
      type: z.literal("interval"),
      value: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1"),
      unit: z.enum(INTERVAL_UNITS, { error: `must be one of ${INTERVAL_UNITS.join(", ")}` }),
    }),
  ],
  { error: 'must be {"type": "crontab", "value": "<5 fields>"} or {"type": "interval", "value": <n>, "unit": "minute|hour|day|week|month|year"}' },
);

export const monitorConfigInput = z.object({
  schedule,
  checkin_margin: minutes("checkin_margin").nullish(),
  max_runtime: minutes("max_runtime").nullish(),
  timezone: z.string().max(100, "must be at most 100 characters").nullish(),
  failure_issue_threshold: threshold.nullish(),
  recovery_threshold: threshold.nullish(),
  // Sentry accepts an owner ("user:123", "team:4"); this app has no teams to map it to.
  owner: z.string().nullish(),
});

const checkInStatus = z.enum(["in_progress", "ok", "error"], { error: "must be in_progress, ok or error" });

/** A check-in id: a UUID (with or without dashes), or "latest" for the newest open check-in. */
const checkInId = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value.toLowerCase() === "latest") return "latest" as const;
    const hex = value.replace(/-/g, "").toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(hex)) {
      ctx.addIssue({ code: "custom", message: "must be a UUID (32 hex digits, dashes allowed) or \"latest\"" });
      return z.NEVER;
    }
    // Sentry reads the nil UUID as "the latest open check-in" (Relay sends it when none is given).
    return /^0+$/.test(hex) ? ("latest" as const) : hex;
  });

const environment = z.string().superRefine((value, ctx) => {
  const problem = environmentProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Duration in seconds, as Sentry takes it; query strings carry it as text. */
const durationSeconds = z.coerce.number({ error: "must be a number of seconds" }).min(0, "must not be negative").max(365 * 24 * 3600, "is longer than a year");

const checkInBody = z.object({
  monitor_slug: z.string().optional(),
  check_in_id: checkInId.optional(),
  status: checkInStatus,
  environment: environment.optional(),
  duration: durationSeconds.nullish(),
  monitor_config: monitorConfigInput.nullish(),
  release: z.string().max(250).nullish(),
});

export interface CheckInRequest {
  slug: string;
  status: ReportedCheckInStatus;
  /** A normalised 32-hex id, "latest", or undefined (a new check-in, or finish the open one). */
  checkInId?: string | "latest";
  environment: string;
  durationMs?: number;
  monitorConfig?: MonitorConfig;
  /** Things accepted but worth telling the sender (an unknown timezone computed in UTC). */
  warnings: string[];
}

/** Sentry's HTTP API default when no environment is sent. */
export const DEFAULT_CHECK_IN_ENVIRONMENT = "production";

export type ParsedCheckIn = { ok: true; value: CheckInRequest } | { ok: false; field: string; message: string };

/**
 * Parses one check-in from the URL's slug, its query parameters and an optional JSON body
 * (body fields win). Pure: returns the field that is wrong instead of throwing.
 */
export function parseCheckIn(slug: string, query: Record<string, string>, body: unknown): ParsedCheckIn {
  const slugProblem = monitorSlugProblem(slug);
  if (slugProblem) return { ok: false, field: "monitor_slug", message: `monitor_slug ${slugProblem}` };
  if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
    return { ok: false, field: "body", message: "The body must be a JSON object (a check-in)." };
  }
  const merged = { ...pick(query, ["status", "check_in_id", "environment", "duration"]), ...(body as Record<string, unknown> | undefined) };
  if (merged.status === undefined) return { ok: false, field: "status", message: "status is required: in_progress, ok or error" };
  const result = checkInBody.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join(".") || "body";
    return { ok: false, field, message: issue.message.startsWith(field) ? issue.message : `${field} ${issue.message}` };
  }
  const input = result.data;
  if (input.monitor_slug !== undefined && input.monitor_slug !== slug) {
    return { ok: false, field: "monitor_slug", message: `monitor_slug "${input.monitor_slug}" does not match the URL's "${slug}"` };
  }
  const warnings: string[] = [];
  let monitorConfig: MonitorConfig | undefined;
  if (input.monitor_config) {
    const config = input.monitor_config;
    const timezone = config.timezone ?? MONITOR_CONFIG_DEFAULTS.timezone;
    if (!isKnownTimezone(timezone)) warnings.push(`monitor_config.timezone "${timezone}" is not a known IANA zone; the schedule is computed in UTC`);
    monitorConfig = monitorConfigFrom(config);
  }
  return {
    ok: true,
    value: {
      slug,
      status: input.status,
      checkInId: input.check_in_id,
      environment: input.environment ?? DEFAULT_CHECK_IN_ENVIRONMENT,
      durationMs: input.duration == null ? undefined : Math.round(input.duration * 1000),
      monitorConfig,
      warnings,
    },
  };
}

function pick(source: Record<string, string>, keys: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}

/** Sentry's wire form to ours; what it leaves out comes from `fallback` (Sentry's defaults, or the monitor's current settings). */
export function monitorConfigFrom(input: z.infer<typeof monitorConfigInput>, fallback: Omit<MonitorConfig, "schedule"> = MONITOR_CONFIG_DEFAULTS): MonitorConfig {
  return {
    schedule: input.schedule,
    checkinMargin: input.checkin_margin ?? fallback.checkinMargin,
    maxRuntime: input.max_runtime ?? fallback.maxRuntime,
    timezone: input.timezone ?? fallback.timezone,
    failureIssueThreshold: input.failure_issue_threshold ?? fallback.failureIssueThreshold,
    recoveryThreshold: input.recovery_threshold ?? fallback.recoveryThreshold,
  };
}

/** Back to Sentry's wire names, for relaying a check-in and for the SDK-less HTTP mode. */
export function toSentryMonitorConfig(config: MonitorConfig): Record<string, unknown> {
  return {
    schedule: config.schedule,
    checkin_margin: config.checkinMargin,
    max_runtime: config.maxRuntime,
    timezone: config.timezone,
    failure_issue_threshold: config.failureIssueThreshold,
    recovery_threshold: config.recoveryThreshold,
  };
}
