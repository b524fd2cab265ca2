import { z } from "zod";
import { getConfig, type AppConfig } from "@/lib/config";
import {
  redactSecret,
  SentryApiError,
  SentryForbidden,
  SentryInvalidResponse,
  SentryNotConfigured,
  SentryNotFound,
  SentryRateLimited,
  SentryRequestRejected,
  SentryUnauthorized,
  SentryUnavailable,
} from "./errors";
import { sentryEventSchema, sentryIssueSchema, type SentryEventJson, type SentryIssueJson } from "./issue-json";
import { nextPageCursor } from "./link-header";
import { webhookShapedEvent } from "./rest-event";
import { decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, rateLimitPauseMs, resetAfterMs, type FailedAttempt, type RetryPolicy } from "./retry-policy";

export type SentryApiSettings = AppConfig["sentryIntegration"];

export interface SentryClientDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  retryPolicy?: Partial<RetryPolicy>;
  /** Where retry notices go (default console.warn). Never receives the token. */
  log?: (message: string) => void;
}

/** Values Sentry's issue PUT accepts for `status` (GroupValidator). */
export type SentryStatusUpdate = "resolved" | "unresolved" | "ignored" | "resolvedInNextRelease";

/** Sentry's issue sort keys; `date` is last seen, newest first. */
export type SentryIssueSort = "date" | "new" | "freq" | "user" | "trends";

export interface ListIssuesParams {
  /** A project slug, or a numeric project id. */
  project: string;
  /** Sentry search syntax. Omitted, Sentry applies `is:unresolved`; pass "" for every status. */
  query?: string;
  sort?: SentryIssueSort;
  cursor?: string;
  limit?: number;
}

export interface IssuePage {
  issues: SentryIssueJson[];
  /** The cursor of the next page; null on the last one. */
  nextCursor: string | null;
}

export interface SentryConnection {
  organization: { slug: string; name: string | null };
  projects: { project: string; found: boolean }[];
}

export interface SentryClient {
  getIssue(issueId: string): Promise<SentryIssueJson>;
  getLatestEvent(issueId: string): Promise<SentryEventJson>;
  listIssues(params: ListIssuesParams): Promise<IssuePage>;
  /** Pages of issues, following cursors; stops after `maxPages` (the last page then still has a nextCursor). */
  listAllIssues(params: Omit<ListIssuesParams, "cursor">, options?: { maxPages?: number }): AsyncGenerator<IssuePage, void, undefined>;
  updateIssueStatus(issueId: string, status: SentryStatusUpdate): Promise<{ status: string }>;
  /** Posts a comment. Sentry refuses the same text from the same user within an hour; that comes back as `duplicate: true`. */
  addComment(issueId: string, text: string): Promise<{ id: string | null; duplicate: boolean }>;
  /** Checks the token and organization (and that each configured project exists). Throws a SentryApiError when it cannot. */
  checkConnection(): Promise<SentryConnection>;
}

/** Sentry's paginator caps `limit` at 100. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_MAX_PAGES = 20;

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  /** "GET /api/0/…" for messages: no host, no query string, no token. */
  label: string;
}

const idString = z.union([z.string().min(1), z.number().int()]).transform(String);
const organizationSchema = z.looseObject({ slug: z.string(), name: z.string().nullish() });
const statusAnswerSchema = z.looseObject({ status: z.string().nullish() });
const commentSchema = z.looseObject({ id: idString });

/**
 * A client for Sentry's REST API with one behaviour for every call: bearer token, a timeout
 * per attempt (apiTimeoutMs), retries with backoff on 5xx/timeouts/network errors, honouring
 * 429 Retry-After and an exhausted rate-limit window, and one typed error per failure.
 * Creating a client never throws; calls throw SentryNotConfigured when the token or org is missing.
 */
export function createSentryClient(settings: SentryApiSettings = getConfig().sentryIntegration, deps: SentryClientDeps = {}): SentryClient {
  const fetchImpl = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = deps.now ?? (() => new Date());
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy };
  const log = deps.log ?? ((message: string) => console.warn(message));
  const token = settings.apiToken;
  // Sentry counts calls per caller and endpoint; one pause per client is a simpler, safe
  // approximation: after "0 remaining" the next call waits for the window to reset.
  let pausedUntil = 0;

  function credentials(): { token: string; org: string } {
    const missing: ("SENTRY_API_TOKEN" | "SENTRY_ORG")[] = [];
    if (!settings.apiToken) missing.push("SENTRY_API_TOKEN");
    if (!settings.organization) missing.push("SENTRY_ORG");
    if (missing.length > 0) throw new SentryNotConfigured(missing);
    return { token: settings.apiToken!, org: settings.organization! };
  }

  const orgPath = () => `/api/0/organizations/${encodeURIComponent(credentials().org)}`;
  const issuePath = (issueId: string) => `${orgPath()}/issues/${encodeURIComponent(issueId)}`;

  function detailOf(text: string): string | undefined {
    try {
      const detail = (JSON.parse(text) as { detail?: unknown })?.detail;
      if (typeof detail === "string") return redactSecret(detail, token).slice(0, 300);
    } catch {
      // not JSON: Sentry's error pages carry nothing worth repeating
    }
    return undefined;
  }

  function notePacing(headers: Headers): void {
    const pause = rateLimitPauseMs(
      { remaining: headers.get("x-sentry-rate-limit-remaining"), reset: headers.get("x-sentry-rate-limit-reset") },
      now(),
      policy,
    );
    pausedUntil = pause > 0 ? now().getTime() + pause : 0;
  }

  async function waitForRateLimitWindow(): Promise<void> {
    const wait = Math.min(pausedUntil - now().getTime(), policy.maxRateLimitWaitMs);
    pausedUntil = 0;
    if (wait > 0) await sleep(wait);
  }

  async function send(
    method: "GET" | "PUT" | "POST",
    path: string,
    options: { query?: Record<string, string | undefined>; body?: unknown; passStatuses?: number[] } = {},
  ): Promise<Answer> {
    const { token: bearer } = credentials();
    const label = `${method} ${path}`;
    const url = new URL(settings.apiBaseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";

    for (let attempt = 1; ; attempt++) {
      await waitForRateLimitWindow();
      let failure: FailedAttempt;
      let error: SentryApiError;
      try {
        const response = await fetchImpl(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(settings.apiTimeoutMs),
        });
        notePacing(response.headers);
        const text = await response.text();
        if (response.ok || options.passStatuses?.includes(response.status)) {
          return { status: response.status, headers: response.headers, body: parseJson(text, label), label };
        }
        const status = response.status;
        if (status === 401) throw new SentryUnauthorized(label);
        if (status === 403) throw new SentryForbidden(label, detailOf(text));
        if (status === 404) throw new SentryNotFound(label);
        if (status === 429) {
          const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now()) ?? resetAfterMs(response.headers.get("x-sentry-rate-limit-reset"), now());
          failure = { kind: "rate_limited", retryAfterMs };
          error = new SentryRateLimited(label, Math.max(1, Math.ceil((retryAfterMs ?? 1000) / 1000)));
        } else if (status >= 500) {
          failure = { kind: "server_error", status };
          error = new SentryUnavailable(label, `it answered ${status}`, status);
        } else {
          throw new SentryRequestRejected(label, status, detailOf(text));
        }
      } catch (caught) {
        if (caught instanceof SentryApiError) throw caught;
        const name = (caught as { name?: unknown })?.name;
        if (name === "TimeoutError" || name === "AbortError") {
          failure = { kind: "timeout" };
          error = new SentryUnavailable(label, `no answer within ${settings.apiTimeoutMs} ms`);
        } else {
          failure = { kind: "network" };
          error = new SentryUnavailable(label, `could not reach ${url.origin} (${redactSecret(networkReason(caught), token)})`);
        }
      }
      const decision = decideRetry(failure, attempt, policy);
      if (!decision.retry) throw error;
      // The Retry-After wait below already covers the window the 429's headers announced.
      if (failure.kind === "rate_limited") pausedUntil = 0;
      log(`Sentry API ${label}: ${describeFailure(failure)}; retrying in ${decision.waitMs} ms (attempt ${attempt + 1} of ${policy.maxAttempts}).`);
      await sleep(decision.waitMs);
    }
  }

  function parseJson(text: string, label: string): unknown {
    if (text.trim() === "") return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new SentryInvalidResponse(label, "the body is not JSON");
    }
  }

  function validate<Schema extends z.ZodType>(schema: Schema, value: unknown, label: string, what: string): z.infer<Schema> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const field = issue.path.length > 0 ? ` field "${issue.path.join(".")}"` : "";
    throw new SentryInvalidResponse(label, `${what}${field}: ${redactSecret(issue.message, token)}`);
  }

  async function listIssues(params: ListIssuesParams): Promise<IssuePage> {
    const answer = await send("GET", `${orgPath()}/issues/`, {
      query: {
        ...projectFilter(params.project),
        query: params.query,
        sort: params.sort,
        cursor: params.cursor,
        limit: String(Math.min(Math.max(1, params.limit ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE)),
      },
    });
    if (!Array.isArray(answer.body)) throw new SentryInvalidResponse(answer.label, "expected a list of issues");
    const issues = answer.body.map((item, index) => validate(sentryIssueSchema, item, answer.label, `issue #${index + 1}`));
    return { issues, nextCursor: nextPageCursor(answer.headers.get("link")) };
  }

  return {
    async getIssue(issueId) {
      const answer = await send("GET", `${issuePath(issueId)}/`);
      return validate(sentryIssueSchema, answer.body, answer.label, "the issue");
    },

    async getLatestEvent(issueId) {
      const answer = await send("GET", `${issuePath(issueId)}/events/latest/`);
      return validate(sentryEventSchema, webhookShapedEvent(answer.body, issueId), answer.label, "the event");
    },

    listIssues,

    async *listAllIssues(params, options = {}) {
      const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
      let cursor: string | undefined;
      for (let page = 1; ; page++) {
        const result = await listIssues({ ...params, cursor });
        yield result;
        // A cursor that does not move would loop forever; Sentry should never send one.
        if (!result.nextCursor || result.nextCursor === cursor || page >= maxPages) return;
        cursor = result.nextCursor;
      }
    },

    async updateIssueStatus(issueId, status) {
      const answer = await send("PUT", `${issuePath(issueId)}/`, { body: { status } });
      const parsed = validate(statusAnswerSchema, answer.body ?? {}, answer.label, "the update");
      return { status: parsed.status ?? status };
    },

    async addComment(issueId, text) {
      const answer = await send("POST", `${issuePath(issueId)}/comments/`, { body: { text }, passStatuses: [400] });
      if (answer.status === 400) {
        const detail = typeof (answer.body as { detail?: unknown })?.detail === "string" ? (answer.body as { detail: string }).detail : undefined;
        // GroupNotesEndpoint: {"detail": "You have already posted that comment."} for the same
        // text from the same user within an hour, e.g. when a retried POST had gone through.
        if (detail && /already posted that comment/i.test(detail)) return { id: null, duplicate: true };
        throw new SentryRequestRejected(answer.label, 400, detail ? redactSecret(detail, token) : undefined);
      }
      return { id: validate(commentSchema, answer.body, answer.label, "the comment").id, duplicate: false };
    },

    async checkConnection() {
      const { org } = credentials();
      const answer = await send("GET", `${orgPath()}/`);
      const organization = validate(organizationSchema, answer.body, answer.label, "the organization");
      const projects: SentryConnection["projects"] = [];
      for (const project of settings.projects) {
        try {
          await send("GET", `/api/0/projects/${encodeURIComponent(org)}/${encodeURIComponent(project)}/`);
          projects.push({ project, found: true });
        } catch (error) {
          if (!(error instanceof SentryNotFound)) throw error;
          projects.push({ project, found: false });
        }
      }
      return { organization: { slug: organization.slug, name: organization.name ?? null }, projects };
    },
  };
}

/**
 * Sentry's organization endpoints take numeric ids as `project` and slugs as `projectSlug`
 * (OrganizationEndpoint.get_projects). Slugs can never be all digits.
 */
export function projectFilter(project: string): { project: string } | { projectSlug: string } {
  return /^\d+$/.test(project) ? { project } : { projectSlug: project };
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : "network error";
}

function describeFailure(failure: FailedAttempt): string {
  switch (failure.kind) {
    case "rate_limited":
      return "rate limited (429)";
    case "server_error":
      return `answered ${failure.status}`;
    case "timeout":
      return "timed out";
    case "network":
      return "network error";
  }
}
