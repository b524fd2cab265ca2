import type { HealthCheckKind, HealthTarget, KindTarget } from "./model";

// Browser-safe: the check form's draft, and the API body made from it.

/** What the form holds: text as typed, so the server can name a wrong number instead of the form guessing. */
export interface HealthCheckFormDraft {
  name: string;
  kind: HealthCheckKind;
  intervalSeconds: string;
  timeoutMs: string;
  enabled: boolean;
  http: { url: string; method: "GET" | "HEAD"; expectedStatus: string; bodyContains: string; latencyThresholdMs: string; headers: { name: string; value: string }[]; followRedirects: boolean };
  tcp: { host: string; port: string };
  redis: { mode: "resp" | "upstash"; url: string; restUrl: string; token: string };
  postgres: { url: string };
}

export const NEW_CHECK_DRAFT: HealthCheckFormDraft = {
  name: "",
  kind: "http",
  intervalSeconds: "60",
  timeoutMs: "5000",
  enabled: true,
  http: { url: "", method: "GET", expectedStatus: "", bodyContains: "", latencyThresholdMs: "", headers: [], followRedirects: true },
  tcp: { host: "", port: "" },
  redis: { mode: "resp", url: "", restUrl: "", token: "" },
  postgres: { url: "" },
};

/** A stored check (its redacted view) as a draft: `***` stays in place and keeps the stored secret. */
export function draftFromCheck(check: { name: string; kind: HealthCheckKind; target: HealthTarget; intervalSeconds: number; timeoutMs: number; enabled: boolean }): HealthCheckFormDraft {
  const draft: HealthCheckFormDraft = { ...NEW_CHECK_DRAFT, name: check.name, kind: check.kind, intervalSeconds: String(check.intervalSeconds), timeoutMs: String(check.timeoutMs), enabled: check.enabled };
  const typed = { kind: check.kind, target: check.target } as KindTarget;
  switch (typed.kind) {
    case "http":
      draft.http = {
        url: typed.target.url,
        method: typed.target.method,
        expectedStatus: typed.target.expectedStatus.join(", "),
        bodyContains: typed.target.bodyContains ?? "",
        latencyThresholdMs: typed.target.latencyThresholdMs === undefined ? "" : String(typed.target.latencyThresholdMs),
        headers: Object.entries(typed.target.headers).map(([name, value]) => ({ name, value })),
        followRedirects: typed.target.followRedirects,
      };
      break;
    case "tcp":
      draft.tcp = { host: typed.target.host, port: String(typed.target.port) };
      break;
    case "redis":
      draft.redis = typed.target.mode === "resp" ? { ...NEW_CHECK_DRAFT.redis, mode: "resp", url: typed.target.url } : { ...NEW_CHECK_DRAFT.redis, mode: "upstash", restUrl: typed.target.url, token: typed.target.token };
      break;
    case "postgres":
      draft.postgres = { url: typed.target.url };
      break;
  }
  return draft;
}

/** A number when the text is one; otherwise the text itself, for the server to refuse by name. */
function numberOr(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** The API body for a draft (POST /api/health-checks and PUT /api/health-checks/{id}). */
export function bodyFromDraft(draft: HealthCheckFormDraft): Record<string, unknown> {
  const common = { name: draft.name, kind: draft.kind, intervalSeconds: numberOr(draft.intervalSeconds), timeoutMs: numberOr(draft.timeoutMs), enabled: draft.enabled };
  switch (draft.kind) {
    case "http": {
      const { http } = draft;
      return {
        ...common,
        target: {
          url: http.url.trim(),
          method: http.method,
          expectedStatus: http.expectedStatus
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((status) => numberOr(status)),
          ...(http.method === "GET" && http.bodyContains !== "" ? { bodyContains: http.bodyContains } : {}),
          ...(http.latencyThresholdMs.trim() ? { latencyThresholdMs: numberOr(http.latencyThresholdMs) } : {}),
          headers: Object.fromEntries(http.headers.filter((header) => header.name.trim() !== "").map((header) => [header.name.trim(), header.value])),
          followRedirects: http.followRedirects,
        },
      };
    }
    case "tcp":
      return { ...common, target: { host: draft.tcp.host.trim(), port: numberOr(draft.tcp.port) } };
    case "redis":
      return { ...common, target: draft.redis.mode === "resp" ? { mode: "resp", url: draft.redis.url.trim() } : { mode: "upstash", url: draft.redis.restUrl.trim(), token: draft.redis.token.trim() } };
    case "postgres":
      return { ...common, target: { url: draft.postgres.url.trim() } };
  }
}
