import { z } from "zod";

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

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        ctx.addIssue({ code: "custom", message: `must be a positive whole number (got "${value}")` });
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
  SENTRY_ENVIRONMENT: optionalString,
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
});

export type Environment = z.input<typeof environmentSchema>;

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "embedded"; dataDir: string };
  appUrl?: string;
  session: { ttlHours: number; secureCookie: boolean };
  signIn: { maxFailures: number; windowMinutes: number };
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
  };
}
