import { z } from "zod";
// The one file of lib/monitors with no imports: Sentry's naming rules, checked at start.
import { environmentProblem, isKnownTimezone, monitorSlugProblem } from "@/lib/monitors/names";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
    message: "must be a postgres:// or postgresql:// connection URL",
  });

const httpUrl = (example: string) => optionalString.pipe(z.url({ message: `must be an absolute URL such as ${example}` }).optional());

const sentryName = (problemOf: (value: string) => string | undefined) =>
  optionalString.superRefine((value, ctx) => {
    const problem = value === undefined ? undefined : problemOf(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** 1..max whole numbers, for Sentry's bounded monitor settings. */
const boundedInt = (fallback: number | undefined, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from 1 to ${max} (got "${value}")` });
        return z.NEVER;
      }
      return parsed;
    });

const nonNegativeInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) {
        ctx.addIssue({ code: "custom", message: `must be a whole number, 0 or more (got "${value}")` });
        return z.NEVER;
      }
      return parsed;
    });

const positiveInt = <Fallback extends number | undefined>(fallback: Fallback) =>
  z
    .string()
    .optional()
    .transform((value, ctx): number | Fallback => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        ctx.addIssue({ code: "custom", message: `must be a positive whole number (got "${value}")` });
        return z.NEVER;
      }
      return parsed;
    });

/** A duration in minutes; fractions allowed (the browser tests use seconds-long windows). */
const positiveMinutes = (fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed <= 0 || parsed > max) {
        ctx.addIssue({ code: "custom", message: `must be a number of minutes above 0 and at most ${max} (got "${value}")` });
        return z.NEVER;
      }
      return parsed;
    });

/**
 * Every environment variable the app reads. `.env.example` documents the same list;
 * `config.test.ts` checks the two agree.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
  DATA_DIR: optionalString,
  DATABASE_POOL_SIZE: positiveInt(10),
  APP_URL: optionalString.pipe(z.url({ message: "must be an absolute URL such as https://ops.example.com" }).optional()),
  SESSION_TTL_HOURS: positiveInt(24 * 7),
  SESSION_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  SIGNIN_MAX_FAILURES: positiveInt(10),
  SIGNIN_WINDOW_MINUTES: positiveInt(15),
  SENTRY_DSN: optionalString.pipe(z.url({ message: "must be a Sentry DSN URL" }).optional()),
  NEXT_PUBLIC_SENTRY_DSN: optionalString.pipe(z.url({ message: "must be a Sentry DSN URL" }).optional()),
  SENTRY_ENVIRONMENT: sentryName(environmentProblem),
  SENTRY_TRACES_SAMPLE_RATE: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return 1;
      const parsed = Number(value);
      if (!(parsed >= 0 && parsed <= 1)) {
        ctx.addIssue({ code: "custom", message: `must be a number from 0 to 1 (got "${value}")` });
        return z.NEVER;
      }
      return parsed;
    }),
  LOG_SQL: booleanFlag.default(false),
  SENTRY_CLIENT_SECRET: optionalString,
  SENTRY_WEBHOOK_ALLOW_UNSIGNED: booleanFlag.default(false),
  SENTRY_API_BASE_URL: optionalString.pipe(z.url({ message: "must be an absolute URL such as https://sentry.io" }).optional()),
  SENTRY_API_TOKEN: optionalString,
  SENTRY_ORG: optionalString.pipe(z.string().regex(/^[a-z0-9_-]+$/i, { message: "must be an organization slug" }).optional()),
  SENTRY_PROJECTS: optionalString,
  SENTRY_API_TIMEOUT_MS: positiveInt(10_000),
  SENTRY_POLL_INTERVAL_MINUTES: positiveInt(5),
  CRON_SECRET: optionalString,
  APP_SECRET: optionalString.superRefine((value, ctx) => {
    if (value !== undefined && value.length < 32) ctx.addIssue({ code: "custom", message: "must be at least 32 characters (e.g. openssl rand -base64 48)" });
  }),
  CRON_TICK_BUDGET_SECONDS: positiveInt(50),
  TICK_TASK_SLOT_SECONDS: positiveInt(undefined),
  CRON_TICK_SCHEDULE: optionalString.pipe(z.string().regex(/^\S+( \S+){4}$/, { message: "must be a 5-field crontab, the same as vercel.json's" }).optional()),
  SENTRY_CRONS_TRANSPORT: z.enum(["sdk", "http", "off"], { message: "must be sdk, http or off" }).default("sdk"),
  MONITOR_SLUG_PROD: sentryName(monitorSlugProblem),
  MONITOR_SLUG_NONPROD: sentryName(monitorSlugProblem),
  MONITOR_CHECKIN_MARGIN_MINUTES: boundedInt(2, 40_320),
  MONITOR_MAX_RUNTIME_MINUTES: boundedInt(undefined, 40_320),
  MONITOR_TIMEZONE: optionalString.refine((value) => value === undefined || isKnownTimezone(value), { message: "must be an IANA timezone such as UTC or Europe/Berlin" }),
  MONITOR_FAILURE_ISSUE_THRESHOLD: boundedInt(2, 720),
  MONITOR_RECOVERY_THRESHOLD: boundedInt(1, 720),
  WORKER_CHECKIN_INTERVAL_MINUTES: boundedInt(1, 1440),
  JOBS_MAX_RUNNING_PROD: nonNegativeInt(2),
  JOBS_MAX_RUNNING_NONPROD: nonNegativeInt(10),
  JOBS_MAX_RUNNING_PER_NAMESPACE: nonNegativeInt(5),
  JOBS_LEASE_SECONDS: positiveInt(30),
  OUTBOX_LEASE_SECONDS: positiveInt(60),
  OUTBOX_STUCK_MINUTES: positiveInt(10),
  JOBS_LOG_MAX_BYTES: positiveInt(256 * 1024),
  REMEDIATION_VERIFY_MINUTES: positiveMinutes(30, 10_080),
  WEBHOOK_RATE_LIMIT_PER_MINUTE: nonNegativeInt(60),
  CHECKIN_RATE_LIMIT_PER_MINUTE: nonNegativeInt(120),
  RETENTION_WEBHOOK_DELIVERIES_DAYS: nonNegativeInt(30),
  RETENTION_CHECKINS_DAYS: nonNegativeInt(90),
  RETENTION_JOB_LOGS_DAYS: nonNegativeInt(30),
  RETENTION_AUDIT_DAYS: nonNegativeInt(365),
  RETENTION_ALERTS_DAYS: nonNegativeInt(90),
  RETENTION_HEALTH_SAMPLES_DAYS: nonNegativeInt(30),
  RETENTION_WORKERS_DAYS: nonNegativeInt(30),
  RETENTION_TICK_SLOTS_DAYS: nonNegativeInt(7),
  WORKER_CONCURRENCY: positiveInt(4),
  WORKER_POLL_INTERVAL_MS: positiveInt(2000),
  WORKER_TIERS: optionalString.pipe(
    z
      .string()
      .regex(/^\s*(prod|nonprod)\s*(,\s*(prod|nonprod)\s*)*$/, { message: "must be prod, nonprod or prod,nonprod" })
      .optional(),
  ),
  WORKER_IN_PROCESS: z.enum(["auto", "true", "false"]).default("auto"),
  WORKER_SHUTDOWN_GRACE_SECONDS: nonNegativeInt(25),
  REMEDIATION_HTTP_ENDPOINTS: optionalString,
  GITHUB_TOKEN: optionalString,
  GITHUB_REPOSITORY: optionalString.pipe(z.string().regex(/^[\w.-]+\/[\w.-]+$/, { message: "must be owner/repo" }).optional()),
  GITHUB_API_URL: httpUrl("https://api.github.com"),
  GITHUB_REF: optionalString,
  GITHUB_WORKFLOW_FIX_BUILD: optionalString,
  GITHUB_WORKFLOW_AI_FIX: optionalString,
  VERCEL_DEPLOY_HOOK_URL: httpUrl("https://api.vercel.com/v1/integrations/deploy/…"),
  LLM_BASE_URL: httpUrl("https://api.openai.com/v1"),
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: positiveInt(60_000),
});

export type Environment = z.input<typeof environmentSchema>;

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "embedded"; dataDir: string };
  appUrl?: string;
  session: { ttlHours: number; secureCookie: boolean };
  signIn: { maxFailures: number; windowMinutes: number };
  /** Per client address, per process (0 = off): refused webhook signatures, and check-ins per monitor. */
  rateLimits: { webhookRefusalsPerMinute: number; checkInsPerMinute: number };
  sentry: { dsn?: string; environment: string; tracesSampleRate: number };
  /** The Sentry integration this app receives webhooks from and calls back into. */
  sentryIntegration: {
    clientSecret?: string;
    allowUnsigned: boolean;
    apiBaseUrl: string;
    apiToken?: string;
    organization?: string;
    projects: string[];
    apiTimeoutMs: number;
  };
  logSql: boolean;
  /** How often the tick (or a standalone worker) reconciles with Sentry's API. */
  sentryPollIntervalMinutes: number;
  /** Vercel sends `Authorization: Bearer $CRON_SECRET` with each cron invocation. */
  cron: { secret?: string; tickBudgetSeconds: number; schedule: string };
  /** Days kept before the tick prunes them; 0 keeps them forever. */
  retentionDays: { webhookDeliveries: number; checkIns: number; jobLogs: number; audit: number; alerts: number; healthSamples: number; workers: number; tickSlots: number };
  /**
   * Every slotted tick task's slot length in seconds, instead of its own (lib/worker/*-task.ts):
   * for tests and demos that need slots of seconds. Unset in production.
   */
  tickTaskSlotSeconds?: number;
  /** Keys the encryption of notification channels' secrets at rest; without it they come from ALERT_SECRET_* only. */
  appSecret?: string;
  /** The workers' own Sentry Cron monitors: one per tier, checked in on every pass. */
  workerMonitors: {
    transport: "sdk" | "http" | "off";
    slugs: { prod: string; nonprod: string };
    checkinMarginMinutes: number;
    maxRuntimeMinutes: number;
    timezone: string;
    failureIssueThreshold: number;
    recoveryThreshold: number;
    /** A standalone or embedded worker's pass runs (and checks in) this often. */
    standaloneIntervalMinutes: number;
  };
  jobs: {
    /** Running jobs allowed at once per tier (0 = no limit). */
    maxRunning: { prod: number; nonprod: number };
    /** Running jobs allowed at once per namespace (0 = no limit). */
    maxRunningPerNamespace: number;
    leaseSeconds: number;
    /** How long a drainer's claim on an outbox handling lasts; a dead drainer's handlings are taken over after it. */
    outboxLeaseSeconds: number;
    /** A consumer whose oldest unhandled outbox event is older than this raises outbox.stuck. */
    outboxStuckMinutes: number;
    logMaxBytes: number;
    /** After a remediation resolves its issue, how long the issue must stay quiet to count as verified. */
    verifyMinutes: number;
  };
  worker: {
    concurrency: number;
    pollIntervalMs: number;
    tiers: ("prod" | "nonprod")[];
    /** Run a worker inside the app server (the embedded database allows no other process). */
    inProcess: boolean;
    /** On SIGTERM, how long running jobs may finish before they are given back. */
    shutdownGraceSeconds: number;
  };
  remediation: {
    /** Raw JSON of named HTTP endpoints; lib/jobs validates it where it is used. */
    httpEndpointsJson?: string;
    github: { token?: string; repository?: string; apiUrl: string; ref: string; fixBuildWorkflow: string; aiFixWorkflow: string };
    vercelDeployHookUrl?: string;
    llm: { baseUrl?: string; apiKey?: string; model?: string; timeoutMs: number };
  };
}

/**
 * A notification channel's secret kept in the environment instead of the database: the
 * channel names X and ALERT_SECRET_X is read. The prefix keeps an admin from pointing a
 * channel at DATABASE_URL and sending it to a webhook of their choice.
 */
export function readAlertSecret(name: string, env: Record<string, string | undefined> = process.env): string | undefined {
  if (!/^[A-Z0-9_]+$/.test(name)) return undefined;
  const value = env[`ALERT_SECRET_${name}`];
  return value === undefined || value === "" ? undefined : value;
}

/** Secrets that remediation endpoints reference by name: `{{secret.X}}` reads REMEDIATION_SECRET_X. */
export function readRemediationSecret(name: string, env: Record<string, string | undefined> = process.env): string | undefined {
  if (!/^[A-Z0-9_]+$/.test(name)) return undefined;
  const value = env[`REMEDIATION_SECRET_${name}`];
  return value === undefined || value === "" ? undefined : value;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      "Invalid configuration:\n" +
        problems.map((problem) => `  - ${problem.variable}: ${problem.message}`).join("\n") +
        "\nSee .env.example for every variable and its format.",
    );
    this.name = "ConfigError";
  }
}

/** Pure: turns an environment into validated configuration, naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = environmentSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "environment"), message: issue.message })),
    );
  }
  const vars = result.data;
  const secureCookie =
    vars.SESSION_COOKIE_SECURE === "auto" ? vars.NODE_ENV === "production" : vars.SESSION_COOKIE_SECURE === "true";
  return {
    nodeEnv: vars.NODE_ENV,
    database: vars.DATABASE_URL
      ? { kind: "postgres", url: vars.DATABASE_URL, poolSize: vars.DATABASE_POOL_SIZE }
      : { kind: "embedded", dataDir: vars.DATA_DIR ?? ".data" },
    appUrl: vars.APP_URL?.replace(/\/+$/, ""),
    session: { ttlHours: vars.SESSION_TTL_HOURS, secureCookie },
    signIn: { maxFailures: vars.SIGNIN_MAX_FAILURES, windowMinutes: vars.SIGNIN_WINDOW_MINUTES },
    rateLimits: { webhookRefusalsPerMinute: vars.WEBHOOK_RATE_LIMIT_PER_MINUTE, checkInsPerMinute: vars.CHECKIN_RATE_LIMIT_PER_MINUTE },
    sentry: {
      dsn: vars.SENTRY_DSN ?? vars.NEXT_PUBLIC_SENTRY_DSN,
      environment: vars.SENTRY_ENVIRONMENT ?? vars.NODE_ENV,
      tracesSampleRate: vars.SENTRY_TRACES_SAMPLE_RATE,
    },
    sentryIntegration: {
      clientSecret: vars.SENTRY_CLIENT_SECRET,
      allowUnsigned: vars.SENTRY_WEBHOOK_ALLOW_UNSIGNED,
      apiBaseUrl: (vars.SENTRY_API_BASE_URL ?? "https://sentry.io").replace(/\/+$/, ""),
      apiToken: vars.SENTRY_API_TOKEN,
      organization: vars.SENTRY_ORG,
      projects: (vars.SENTRY_PROJECTS ?? "")
        .split(",")
        .map((project) => project.trim())
        .filter(Boolean),
      apiTimeoutMs: vars.SENTRY_API_TIMEOUT_MS,
    },
    logSql: vars.LOG_SQL,
    sentryPollIntervalMinutes: vars.SENTRY_POLL_INTERVAL_MINUTES,
    cron: { secret: vars.CRON_SECRET, tickBudgetSeconds: vars.CRON_TICK_BUDGET_SECONDS, schedule: vars.CRON_TICK_SCHEDULE ?? "* * * * *" },
    appSecret: vars.APP_SECRET,
    retentionDays: {
      webhookDeliveries: vars.RETENTION_WEBHOOK_DELIVERIES_DAYS,
      checkIns: vars.RETENTION_CHECKINS_DAYS,
      jobLogs: vars.RETENTION_JOB_LOGS_DAYS,
      audit: vars.RETENTION_AUDIT_DAYS,
      alerts: vars.RETENTION_ALERTS_DAYS,
      healthSamples: vars.RETENTION_HEALTH_SAMPLES_DAYS,
      workers: vars.RETENTION_WORKERS_DAYS,
      tickSlots: vars.RETENTION_TICK_SLOTS_DAYS,
    },
    tickTaskSlotSeconds: vars.TICK_TASK_SLOT_SECONDS,
    workerMonitors: {
      transport: vars.SENTRY_CRONS_TRANSPORT,
      slugs: { prod: vars.MONITOR_SLUG_PROD ?? "batch-worker-prod", nonprod: vars.MONITOR_SLUG_NONPROD ?? "batch-worker-nonprod" },
      checkinMarginMinutes: vars.MONITOR_CHECKIN_MARGIN_MINUTES!,
      // A pass lasts at most the tick's budget; a minute more before Sentry calls it a timeout.
      maxRuntimeMinutes: vars.MONITOR_MAX_RUNTIME_MINUTES ?? Math.ceil(vars.CRON_TICK_BUDGET_SECONDS / 60) + 1,
      timezone: vars.MONITOR_TIMEZONE ?? "UTC",
      failureIssueThreshold: vars.MONITOR_FAILURE_ISSUE_THRESHOLD!,
      recoveryThreshold: vars.MONITOR_RECOVERY_THRESHOLD!,
      standaloneIntervalMinutes: vars.WORKER_CHECKIN_INTERVAL_MINUTES!,
    },
    jobs: {
      maxRunning: { prod: vars.JOBS_MAX_RUNNING_PROD, nonprod: vars.JOBS_MAX_RUNNING_NONPROD },
      maxRunningPerNamespace: vars.JOBS_MAX_RUNNING_PER_NAMESPACE,
      leaseSeconds: vars.JOBS_LEASE_SECONDS,
      outboxLeaseSeconds: vars.OUTBOX_LEASE_SECONDS,
      outboxStuckMinutes: vars.OUTBOX_STUCK_MINUTES,
      logMaxBytes: vars.JOBS_LOG_MAX_BYTES,
      verifyMinutes: vars.REMEDIATION_VERIFY_MINUTES,
    },
    worker: {
      concurrency: vars.WORKER_CONCURRENCY,
      pollIntervalMs: vars.WORKER_POLL_INTERVAL_MS,
      tiers: vars.WORKER_TIERS ? [...new Set(vars.WORKER_TIERS.split(",").map((tier) => tier.trim() as "prod" | "nonprod"))] : ["prod", "nonprod"],
      inProcess: vars.WORKER_IN_PROCESS === "auto" ? !vars.DATABASE_URL : vars.WORKER_IN_PROCESS === "true",
      shutdownGraceSeconds: vars.WORKER_SHUTDOWN_GRACE_SECONDS,
    },
    remediation: {
      httpEndpointsJson: vars.REMEDIATION_HTTP_ENDPOINTS,
      github: {
        token: vars.GITHUB_TOKEN,
        repository: vars.GITHUB_REPOSITORY,
        apiUrl: (vars.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
        ref: vars.GITHUB_REF ?? "main",
        fixBuildWorkflow: vars.GITHUB_WORKFLOW_FIX_BUILD ?? "fix-build-errors.yml",
        aiFixWorkflow: vars.GITHUB_WORKFLOW_AI_FIX ?? "apply-ai-fix.yml",
      },
      vercelDeployHookUrl: vars.VERCEL_DEPLOY_HOOK_URL,
      llm: { baseUrl: vars.LLM_BASE_URL?.replace(/\/+$/, ""), apiKey: vars.LLM_API_KEY, model: vars.LLM_MODEL, timeoutMs: vars.LLM_TIMEOUT_MS },
    },
  };
}
