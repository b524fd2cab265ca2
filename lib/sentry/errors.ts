import { DomainError, type ErrorCode } from "@/lib/errors";

/**
 * One class per way a call to Sentry's REST API fails. They are DomainErrors so a route that
 * lets one escape answers with a sensible status instead of a 500: a bad token or a Sentry
 * outage is this app's upstream being unavailable (503), not the caller's fault.
 *
 * Messages and properties never contain the API token: messages are built from the method
 * and path only, and any text that came back from Sentry or the network is passed through
 * `redactSecret` first.
 */
export type SentryFailure =
  | "not_configured"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "rejected"
  | "unavailable"
  | "invalid_response";

export abstract class SentryApiError extends DomainError {
  abstract readonly failure: SentryFailure;

  constructor(
    code: ErrorCode,
    message: string,
    /** The call that failed, e.g. "GET /api/0/organizations/acme/issues/1/"; no host, no token. */
    readonly request: string | null,
    /** Sentry's HTTP status, when it answered. */
    readonly status: number | null,
    retryAfterSeconds?: number,
  ) {
    super(code, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  }
}

export class SentryNotConfigured extends SentryApiError {
  readonly failure = "not_configured";
  constructor(readonly missing: ("SENTRY_API_TOKEN" | "SENTRY_ORG")[]) {
    super(
      "unavailable",
      `The Sentry API is not configured: set ${missing.join(" and ")} (${missing
        .map((name) => (name === "SENTRY_API_TOKEN" ? "an auth token for Sentry's REST API" : "your Sentry organization slug"))
        .join("; ")}).`,
      null,
      null,
    );
  }
}

export class SentryUnauthorized extends SentryApiError {
  readonly failure = "unauthorized";
  constructor(request: string) {
    super("unavailable", `Sentry rejected the API token (401) for ${request}: check that SENTRY_API_TOKEN is a valid, unrevoked token.`, request, 401);
  }
}

export class SentryForbidden extends SentryApiError {
  readonly failure = "forbidden";
  constructor(request: string, detail?: string) {
    super(
      "unavailable",
      `Sentry refused ${request} (403)${detail ? `: ${detail}` : ""}. The token lacks a scope this call needs (org:read, project:read, event:read, event:write; comments need a user-bound token) or cannot see this organization.`,
      request,
      403,
    );
  }
}

export class SentryNotFound extends SentryApiError {
  readonly failure = "not_found";
  constructor(request: string) {
    super("not_found", `Sentry has nothing at ${request} (404): check SENTRY_ORG, the project slug or the issue id.`, request, 404);
  }
}

export class SentryRateLimited extends SentryApiError {
  readonly failure = "rate_limited";
  constructor(request: string, readonly retryAfterSeconds: number) {
    super("rate_limited", `Sentry is rate limiting this app (429 for ${request}); try again in ${retryAfterSeconds} s.`, request, 429, retryAfterSeconds);
  }
}

/** A 4xx other than the above: Sentry understood the call and refused it (e.g. a bad search query). */
export class SentryRequestRejected extends SentryApiError {
  readonly failure = "rejected";
  constructor(request: string, status: number, detail?: string) {
    super("unavailable", `Sentry rejected ${request} (${status})${detail ? `: ${detail}` : "."}`, request, status);
  }
}

export class SentryUnavailable extends SentryApiError {
  readonly failure = "unavailable";
  constructor(request: string, reason: string, status: number | null = null) {
    super("unavailable", `Sentry is unavailable: ${reason} (${request}).`, request, status);
  }
}

export class SentryInvalidResponse extends SentryApiError {
  readonly failure = "invalid_response";
  constructor(request: string, problem: string) {
    super("unavailable", `Sentry's answer to ${request} is not what this app expects: ${problem}.`, request, null);
  }
}

/** Replaces every occurrence of the secret (and its Bearer form) in text that came from outside. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join("[redacted]");
}
