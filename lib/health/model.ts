import { z } from "zod";

// Browser-safe: the health UI imports this file directly, so nothing here may import server code.

export const HEALTH_CHECK_KINDS = ["http", "tcp", "redis", "postgres"] as const;
export type HealthCheckKind = (typeof HEALTH_CHECK_KINDS)[number];

export const HEALTH_STATES = ["unknown", "up", "down"] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export const KIND_LABELS: Record<HealthCheckKind, string> = {
  http: "HTTP(S)",
  tcp: "TCP connect",
  redis: "Redis PING",
  postgres: "PostgreSQL select 1",
};

/**
 * The tick runs once a minute (Vercel Cron's finest schedule, and the standalone worker's
 * tick-task interval), so a shorter interval could not be honoured.
 */
export const MIN_INTERVAL_SECONDS = 60;
export const MAX_INTERVAL_SECONDS = 24 * 3600;
/** A probe must fit comfortably in one tick's budget (CRON_TICK_BUDGET_SECONDS, 50 s by default). */
export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 30_000;

/** `{{secret.NAME}}` reads REMEDIATION_SECRET_NAME when the probe runs; nothing else is a placeholder. */
export const SECRET_PLACEHOLDER = /\{\{\s*secret\.([A-Z0-9_]+)\s*\}\}/g;
const ANY_PLACEHOLDER = /\{\{([^}]*)\}\}/g;

/** The text shown (and sent back by editors) in place of a stored secret. */
export const REDACTED = "***";

/** Refuses `{{anything}}` but `{{secret.NAME}}`, so a typo fails at save time, not at 3 am. */
function onlySecretPlaceholders(value: string, ctx: z.RefinementCtx): void {
  for (const match of value.matchAll(ANY_PLACEHOLDER)) {
    if (!/^\s*secret\.[A-Z0-9_]+\s*$/.test(match[1]!)) {
      ctx.addIssue({ code: "custom", message: `has {{${match[1]}}}; the only placeholder is {{secret.NAME}} (NAME in capitals, digits and _; it reads REMEDIATION_SECRET_NAME)` });
    }
  }
}

/** The URL with each placeholder replaced by a plain word, so its shape can be checked before secrets exist. */
function withPlaceholdersFilled(value: string): string {
  return value.replace(SECRET_PLACEHOLDER, "secret");
}

function urlWithSchemes(schemes: string[], example: string) {
  return z
    .string({ message: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(2000)
    .superRefine((value, ctx) => {
      onlySecretPlaceholders(value, ctx);
      // A whole-URL secret ({{secret.DATABASE_URL}}) can only be checked when it is read.
      if (/^\{\{\s*secret\.[A-Z0-9_]+\s*\}\}$/.test(value)) return;
      let parsed: URL;
      try {
        parsed = new URL(withPlaceholdersFilled(value));
      } catch {
        ctx.addIssue({ code: "custom", message: `must be a URL such as ${example}` });
        return;
      }
      if (!schemes.includes(parsed.protocol.slice(0, -1))) ctx.addIssue({ code: "custom", message: `must start with ${schemes.map((scheme) => `${scheme}://`).join(" or ")} (such as ${example})` });
      else if (!parsed.hostname) ctx.addIssue({ code: "custom", message: `has no host (such as ${example})` });
    });
}

const statusCode = z.number({ message: "must be a list of HTTP status codes" }).int().min(100, { message: "must be between 100 and 599" }).max(599, { message: "must be between 100 and 599" });

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const httpTargetSchema = z
  .object({
    url: urlWithSchemes(["http", "https"], "https://api.example.com/health"),
    method: z.enum(["GET", "HEAD"], { message: "must be GET or HEAD" }).default("GET"),
    /** Statuses that count as up; empty means any 2xx. */
    expectedStatus: z.array(statusCode).max(20).default([]),
    /** Text the body must contain (GET only). */
    bodyContains: z.string().max(500).optional(),
    /** An answer slower than this counts as down, even when it is otherwise right. */
    latencyThresholdMs: z.number({ message: "must be a number of milliseconds" }).int().min(1).max(MAX_TIMEOUT_MS).optional(),
    /** Header values may hold {{secret.NAME}}; every value but a few harmless ones is shown as ***. */
    headers: z
      .record(z.string(), z.string({ message: "must be text" }).max(4000).superRefine(onlySecretPlaceholders))
      .superRefine((headers, ctx) => {
        const names = Object.keys(headers);
        if (names.length > 20) ctx.addIssue({ code: "custom", message: "may have at most 20 headers" });
        for (const name of names) if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "is not a valid header name (letters, digits and - only)" });
      })
      .default({}),
    followRedirects: z.boolean({ message: "must be true or false" }).default(true),
  })
  .superRefine((target, ctx) => {
    if (target.bodyContains !== undefined && target.bodyContains !== "" && target.method === "HEAD") {
      ctx.addIssue({ code: "custom", path: ["bodyContains"], message: "needs method GET: a HEAD answer has no body" });
    }
  });
export type HttpTarget = z.infer<typeof httpTargetSchema>;

export const tcpTargetSchema = z.object({
  host: z
    .string({ message: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(253)
    .regex(/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?)$/, { message: "must be a host name or an IP address (no scheme, no port)" }),
  port: z.number({ message: "must be a port number" }).int({ message: "must be a whole number" }).min(1, { message: "must be between 1 and 65535" }).max(65535, { message: "must be between 1 and 65535" }),
});
export type TcpTarget = z.infer<typeof tcpTargetSchema>;

export const redisTargetSchema = z.discriminatedUnion(
  "mode",
  [
    /** RESP over a socket: PING (after AUTH when the URL has credentials). */
    z.object({ mode: z.literal("resp"), url: urlWithSchemes(["redis", "rediss"], "redis://:password@cache.internal:6379") }),
    /** Upstash's REST API: GET {url}/ping with the token as Bearer, answering {"result":"PONG"}. */
    z.object({
      mode: z.literal("upstash"),
      url: urlWithSchemes(["https", "http"], "https://eu1-example.upstash.io"),
      token: z.string({ message: "is required" }).trim().min(1, { message: "is required" }).max(2000).superRefine(onlySecretPlaceholders),
    }),
  ],
  { message: "must be resp (a redis:// URL) or upstash (REST URL and token)" },
);
export type RedisTarget = z.infer<typeof redisTargetSchema>;

export const postgresTargetSchema = z.object({
  url: urlWithSchemes(["postgres", "postgresql"], "postgres://monitor:password@db.internal:5432/app"),
});
export type PostgresTarget = z.infer<typeof postgresTargetSchema>;

export type HealthTarget = HttpTarget | TcpTarget | RedisTarget | PostgresTarget;

const common = {
  name: z.string({ message: "is required" }).trim().min(1, { message: "is required" }).max(200),
  intervalSeconds: z
    .number({ message: "must be a number of seconds" })
    .int({ message: "must be a whole number of seconds" })
    .min(MIN_INTERVAL_SECONDS, { message: `must be at least ${MIN_INTERVAL_SECONDS} s (checks run on the once-a-minute tick)` })
    .max(MAX_INTERVAL_SECONDS, { message: `must be at most ${MAX_INTERVAL_SECONDS} s (a day)` })
    .default(60),
  timeoutMs: z
    .number({ message: "must be a number of milliseconds" })
    .int({ message: "must be a whole number of milliseconds" })
    .min(MIN_TIMEOUT_MS, { message: `must be at least ${MIN_TIMEOUT_MS} ms` })
    .max(MAX_TIMEOUT_MS, { message: `must be at most ${MAX_TIMEOUT_MS} ms (a probe has to fit in one tick)` })
    .default(5000),
  enabled: z.boolean({ message: "must be true or false" }).default(true),
};

/** A check as an admin writes it: the API body and the form's draft. */
export const healthCheckInput = z
  .discriminatedUnion(
    "kind",
    [
      z.object({ ...common, kind: z.literal("http"), target: httpTargetSchema }),
      z.object({ ...common, kind: z.literal("tcp"), target: tcpTargetSchema }),
      z.object({ ...common, kind: z.literal("redis"), target: redisTargetSchema }),
      z.object({ ...common, kind: z.literal("postgres"), target: postgresTargetSchema }),
    ],
    { message: `must be one of ${HEALTH_CHECK_KINDS.join(", ")}` },
  )
  .superRefine((check, ctx) => {
    if (check.kind === "http" && check.target.latencyThresholdMs !== undefined && check.target.latencyThresholdMs >= check.timeoutMs) {
      ctx.addIssue({ code: "custom", path: ["target", "latencyThresholdMs"], message: `must be below the timeout (${check.timeoutMs} ms), or the probe times out before the threshold matters` });
    }
  });
export type HealthCheckInput = z.input<typeof healthCheckInput>;
export type HealthCheckDraft = z.infer<typeof healthCheckInput>;

/** What one probe found. A probe never throws: a failure is `ok: false` with a reason. */
export interface ProbeResult {
  ok: boolean;
  /** Time until the answer was judged; null when there was no answer (refused, timed out). */
  latencyMs: number | null;
  error?: string;
}

/** A kind with its target, so code can narrow the target by the kind. */
export type KindTarget =
  | { kind: "http"; target: HttpTarget }
  | { kind: "tcp"; target: TcpTarget }
  | { kind: "redis"; target: RedisTarget }
  | { kind: "postgres"; target: PostgresTarget };

/** One line naming what a check probes, from its (already redacted) target. */
export function describeTarget(check: KindTarget): string {
  switch (check.kind) {
    case "http":
      return `${check.target.method} ${check.target.url}`;
    case "tcp":
      return `${check.target.host.includes(":") && !check.target.host.startsWith("[") ? `[${check.target.host}]` : check.target.host}:${check.target.port}`;
    case "redis":
      return check.target.mode === "resp" ? check.target.url : `Upstash ${check.target.url}`;
    case "postgres":
      return check.target.url;
  }
}

/** The stored target's schema for a kind (targets are validated again when read). */
export function targetSchemaFor(kind: HealthCheckKind) {
  return { http: httpTargetSchema, tcp: tcpTargetSchema, redis: redisTargetSchema, postgres: postgresTargetSchema }[kind];
}
