import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SentryApiSettings } from "@/lib/sentry/client";

/**
 * A real HTTP server on 127.0.0.1 that imitates the parts of Sentry's REST API this app
 * calls: issues (list with cursor pagination and a real `Link` header, get, status update),
 * the latest event, comments, the organization and projects. It checks the bearer token,
 * records every request, and can be told to misbehave (429, 5xx, 401/403/404, slow answers).
 */
export type FakeIssueJson = Record<string, unknown> & {
  id: string;
  status: string;
  lastSeen: string;
  firstSeen: string;
  project: { id: string; slug: string; name: string };
};

export interface FakeIssueInput {
  id?: string;
  /** Project slug (created on first use). Default "web". */
  project?: string;
  title?: string;
  status?: "unresolved" | "resolved" | "ignored";
  level?: string;
  culprit?: string;
  firstSeen?: string | Date;
  lastSeen?: string | Date;
  count?: number;
  userCount?: number;
  assignedTo?: unknown;
  /** Any other fields of Sentry's issue JSON. */
  extra?: Record<string, unknown>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  /** Whether the request carried the right bearer token (the token itself is never recorded). */
  authorized: boolean;
}

export interface RecordedComment {
  issueId: string;
  text: string;
  at: Date;
}

export interface Misbehaviour {
  /** How many matching requests this applies to. Default 1. */
  times?: number;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Sent as `Retry-After` (seconds) with the status. */
  retryAfterSeconds?: number;
  /** Hold the answer this long (for timeout tests). */
  delayMs?: number;
  /** Extra response headers (e.g. X-Sentry-Rate-Limit-Remaining), also on normal answers. */
  headers?: Record<string, string>;
  /** The body sent with `status`; default `{"detail": …}` like Sentry. */
  body?: unknown;
  /** A body sent as it is (e.g. not JSON), with `status` (default 200). */
  rawBody?: string;
  /** Only requests this returns true for; default every request. */
  match?: (request: { method: string; path: string; query: URLSearchParams }) => boolean;
}

export interface FakeSentryApi {
  url: string;
  token: string;
  organization: string;
  requests: RecordedRequest[];
  comments: RecordedComment[];
  /** Adds (or replaces) an issue and returns its JSON as the API serves it. */
  addIssue(input?: FakeIssueInput): FakeIssueJson;
  /** Changes an issue as if someone had done it in Sentry. */
  updateIssue(id: string, patch: Partial<FakeIssueInput>): FakeIssueJson;
  issue(id: string): FakeIssueJson | undefined;
  removeIssue(id: string): void;
  setLatestEvent(issueId: string, event: Record<string, unknown>): void;
  addProject(slug: string): { id: string; slug: string; name: string };
  misbehave(rule: Misbehaviour): void;
  rateLimitNext(times: number, retryAfterSeconds: number): void;
  failNext(times: number, status?: number): void;
  delayNext(times: number, delayMs: number): void;
  /** Forgets every misbehaviour still pending. */
  behave(): void;
  /** Settings for createSentryClient pointing at this server. */
  settings(overrides?: Partial<SentryApiSettings>): SentryApiSettings;
  close(): Promise<void>;
}

const DETAILS: Record<number, string> = {
  400: "Invalid request",
  401: "Invalid token header. No credentials provided.",
  403: "You do not have permission to perform this action.",
  404: "The requested resource does not exist",
  429: "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds",
  500: "Internal Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

const STATUS_UPDATES: Record<string, { status: string; substatus: string | null }> = {
  resolved: { status: "resolved", substatus: null },
  resolvedInNextRelease: { status: "resolved", substatus: null },
  unresolved: { status: "unresolved", substatus: "ongoing" },
  ignored: { status: "ignored", substatus: "archived_until_escalating" },
};

export async function startFakeSentryApi(options: { token?: string; organization?: string; maxPageSize?: number } = {}): Promise<FakeSentryApi> {
  const token = options.token ?? "sntrys_fake_token_for_tests_0123456789";
  const organization = options.organization ?? "acme";
  const maxPageSize = options.maxPageSize ?? 100;
  const issues = new Map<string, FakeIssueJson>();
  const events = new Map<string, Record<string, unknown>>();
  const projects = new Map<string, { id: string; slug: string; name: string }>();
  const requests: RecordedRequest[] = [];
  const comments: RecordedComment[] = [];
  const rules: (Misbehaviour & { remaining: number })[] = [];
  // Held (delayed) answers, released on close() so no handler is left waiting.
  const held = new Map<NodeJS.Timeout, () => void>();
  let nextIssueId = 1000;
  let nextCommentId = 1;
  let url = "";

  const addProject = (slug: string) => {
    let project = projects.get(slug);
    if (!project) {
      project = { id: String(100 + projects.size + 1), slug, name: slug };
      projects.set(slug, project);
    }
    return project;
  };

  const iso = (value: string | Date | undefined, fallback: string) => (value === undefined ? fallback : new Date(value).toISOString());

  function addIssue(input: FakeIssueInput = {}): FakeIssueJson {
    const id = input.id ?? String(nextIssueId++);
    const project = addProject(input.project ?? "web");
    const now = new Date().toISOString();
    const status = input.status ?? "unresolved";
    const issue: FakeIssueJson = {
      id,
      shortId: `${project.slug.toUpperCase()}-${id}`,
      title: input.title ?? `Error in issue ${id}`,
      culprit: input.culprit ?? "app/handlers in handle",
      permalink: `${url}/organizations/${organization}/issues/${id}/`,
      level: input.level ?? "error",
      status,
      substatus: STATUS_UPDATES[status]?.substatus ?? null,
      platform: "node",
      project,
      type: "error",
      metadata: { type: "Error", value: input.title ?? `Error in issue ${id}` },
      firstSeen: iso(input.firstSeen, now),
      lastSeen: iso(input.lastSeen, now),
      count: String(input.count ?? 1),
      userCount: input.userCount ?? 0,
      assignedTo: input.assignedTo ?? null,
      ...input.extra,
    };
    issues.set(id, issue);
    return issue;
  }

  function updateIssue(id: string, patch: Partial<FakeIssueInput>): FakeIssueJson {
    const issue = issues.get(id);
    if (!issue) throw new Error(`fake Sentry has no issue ${id}`);
    if (patch.title !== undefined) issue.title = patch.title;
    if (patch.status !== undefined) {
      issue.status = patch.status;
      issue.substatus = STATUS_UPDATES[patch.status]?.substatus ?? null;
    }
    if (patch.level !== undefined) issue.level = patch.level;
    if (patch.culprit !== undefined) issue.culprit = patch.culprit;
    if (patch.firstSeen !== undefined) issue.firstSeen = new Date(patch.firstSeen).toISOString();
    if (patch.lastSeen !== undefined) issue.lastSeen = new Date(patch.lastSeen).toISOString();
    if (patch.count !== undefined) issue.count = String(patch.count);
    if (patch.userCount !== undefined) issue.userCount = patch.userCount;
    if (patch.assignedTo !== undefined) issue.assignedTo = patch.assignedTo;
    Object.assign(issue, patch.extra ?? {});
    return issue;
  }

  function takeRule(method: string, path: string, query: URLSearchParams): Misbehaviour | undefined {
    const index = rules.findIndex((rule) => rule.remaining > 0 && (!rule.match || rule.match({ method, path, query })));
    if (index < 0) return undefined;
    const rule = rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(index, 1);
    return rule;
  }

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (response.destroyed || response.writableEnded) return;
    const text = body === undefined ? "" : JSON.stringify(body);
    response.writeHead(status, { ...(text ? { "Content-Type": "application/json" } : {}), ...headers });
    response.end(text);
  }

  const detail = (status: number) => ({ detail: DETAILS[status] ?? `Error ${status}` });

  async function readBody(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (text === "") return { ok: true, value: null };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false };
    }
  }

  function listIssues(query: URLSearchParams): { status: number; body: unknown; headers?: Record<string, string> } {
    const ids = query.getAll("project");
    const slugs = query.getAll("projectSlug");
    const search = query.has("query") ? query.get("query")!.trim() : "is:unresolved";
    const filters: ((issue: FakeIssueJson) => boolean)[] = [];
    for (const term of search.split(/\s+/).filter(Boolean)) {
      const is = /^is:(unresolved|resolved|ignored|archived)$/.exec(term);
      const seen = /^lastSeen:(>=|>|<=|<)(.+)$/.exec(term);
      if (is) {
        const wanted = is[1] === "archived" ? "ignored" : is[1];
        filters.push((issue) => issue.status === wanted);
      } else if (seen && !Number.isNaN(Date.parse(seen[2]!))) {
        const at = Date.parse(seen[2]!);
        const op = seen[1]!;
        filters.push((issue) => {
          const last = Date.parse(issue.lastSeen);
          return op === ">" ? last > at : op === ">=" ? last >= at : op === "<" ? last < at : last <= at;
        });
      } else {
        return { status: 400, body: { detail: `Invalid search query: ${term}` } };
      }
    }
    const sort = query.get("sort") ?? "date";
    const key = sort === "new" ? "firstSeen" : "lastSeen";
    const matching = [...issues.values()]
      .filter((issue) => (ids.length === 0 && slugs.length === 0) || ids.includes(issue.project.id) || slugs.includes(issue.project.slug))
      .filter((issue) => filters.every((filter) => filter(issue)))
      .sort((a, b) => Date.parse(b[key] as string) - Date.parse(a[key] as string) || Number(b.id) - Number(a.id));
    const limit = Math.min(Number(query.get("limit") ?? "100") || 100, 100, maxPageSize);
    const offset = Number((query.get("cursor") ?? "0:0:0").split(":")[1] ?? "0") || 0;
    const page = matching.slice(offset, offset + limit);
    const link = (cursor: string, rel: string, results: boolean) => {
      const next = new URL(`${url}/api/0/organizations/${organization}/issues/`);
      query.forEach((value, name) => name !== "cursor" && next.searchParams.append(name, value));
      next.searchParams.set("cursor", cursor);
      return `<${next.toString()}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
    };
    const previous = `0:${Math.max(0, offset - limit)}:1`;
    const following = `0:${offset + limit}:0`;
    return {
      status: 200,
      body: page,
      headers: { Link: `${link(previous, "previous", offset > 0)}, ${link(following, "next", offset + limit < matching.length)}`, "X-Hits": String(matching.length) },
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const parsed = new URL(request.url ?? "/", "http://127.0.0.1");
    const path = parsed.pathname;
    const body = await readBody(request);
    const authorized = request.headers.authorization === `Bearer ${token}`;
    const query: Record<string, string | string[]> = {};
    parsed.searchParams.forEach((value, name) => {
      const existing = query[name];
      query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    });
    requests.push({ method, path, query, body: body.ok ? body.value : "(invalid JSON)", authorized });

    const rule = takeRule(method, path, parsed.searchParams);
    if (rule?.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          held.delete(timer);
          resolve();
        }, rule.delayMs);
        held.set(timer, resolve);
      });
    }
    const extraHeaders = { ...rule?.headers };
    if (rule?.rawBody !== undefined) {
      if (response.destroyed) return;
      response.writeHead(rule.status ?? 200, { "Content-Type": "application/json", ...extraHeaders });
      response.end(rule.rawBody);
      return;
    }
    if (rule?.status) {
      if (rule.retryAfterSeconds !== undefined) extraHeaders["Retry-After"] = String(rule.retryAfterSeconds);
      return send(response, rule.status, rule.body ?? detail(rule.status), extraHeaders);
    }
    if (!authorized) return send(response, 401, detail(401), extraHeaders);
    if (!body.ok) return send(response, 400, { detail: "Malformed JSON" }, extraHeaders);
    const answer = route(method, path, parsed.searchParams, body.value);
    send(response, answer.status, answer.body, { ...answer.headers, ...extraHeaders });
  }

  function route(method: string, path: string, query: URLSearchParams, body: unknown): { status: number; body: unknown; headers?: Record<string, string> } {
    const notFound = { status: 404, body: detail(404) };
    const projectMatch = /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/$/.exec(path);
    if (projectMatch && method === "GET") {
      if (projectMatch[1] !== organization) return notFound;
      const key = decodeURIComponent(projectMatch[2]!);
      const project = projects.get(key) ?? [...projects.values()].find((p) => p.id === key);
      return project ? { status: 200, body: project } : notFound;
    }
    const orgMatch = /^\/api\/0\/organizations\/([^/]+)\/(.*)$/.exec(path);
    if (!orgMatch || orgMatch[1] !== organization) return notFound;
    const rest = orgMatch[2]!;
    if (rest === "" && method === "GET") return { status: 200, body: { id: "1", slug: organization, name: "Acme Corp" } };
    if (rest === "issues/" && method === "GET") return listIssues(query);
    const issueMatch = /^issues\/([^/]+)\/(.*)$/.exec(rest);
    if (!issueMatch) return notFound;
    const issue = issues.get(decodeURIComponent(issueMatch[1]!));
    if (!issue) return notFound;
    const sub = issueMatch[2];
    if (sub === "" && method === "GET") return { status: 200, body: issue };
    if (sub === "" && method === "PUT") {
      const status = (body as { status?: unknown } | null)?.status;
      const update = typeof status === "string" ? STATUS_UPDATES[status] : undefined;
      if (!update) return { status: 400, body: { status: ['"' + String(status) + '" is not a valid choice.'] } };
      issue.status = update.status;
      issue.substatus = update.substatus;
      return { status: 200, body: { status: update.status, substatus: update.substatus, statusDetails: {} } };
    }
    if (sub === "events/latest/" && method === "GET") {
      const event = events.get(issue.id);
      return event ? { status: 200, body: event } : notFound;
    }
    if (sub === "comments/" && method === "POST") {
      const text = (body as { text?: unknown } | null)?.text;
      if (typeof text !== "string" || text.trim() === "") return { status: 400, body: { text: ["This field is required."] } };
      const hourAgo = Date.now() - 60 * 60 * 1000;
      if (comments.some((comment) => comment.issueId === issue.id && comment.text === text && comment.at.getTime() >= hourAgo)) {
        return { status: 400, body: { detail: "You have already posted that comment." } };
      }
      const at = new Date();
      comments.push({ issueId: issue.id, text, at });
      return { status: 201, body: { id: String(nextCommentId++), type: "note", data: { text }, dateCreated: at.toISOString(), user: null } };
    }
    return notFound;
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get url() {
      return url;
    },
    token,
    organization,
    requests,
    comments,
    addIssue,
    updateIssue,
    issue: (id) => issues.get(id),
    removeIssue: (id) => void issues.delete(id),
    setLatestEvent: (issueId, event) => void events.set(issueId, event),
    addProject,
    misbehave: (rule) => void rules.push({ ...rule, remaining: rule.times ?? 1 }),
    rateLimitNext: (times, retryAfterSeconds) => void rules.push({ times, remaining: times, status: 429, retryAfterSeconds }),
    failNext: (times, status = 500) => void rules.push({ times, remaining: times, status }),
    delayNext: (times, delayMs) => void rules.push({ times, remaining: times, delayMs }),
    behave: () => void rules.splice(0),
    settings: (overrides = {}) => ({
      clientSecret: undefined,
      allowUnsigned: false,
      apiBaseUrl: url,
      apiToken: token,
      organization,
      projects: [...projects.keys()],
      apiTimeoutMs: 2_000,
      ...overrides,
    }),
    close: async () => {
      for (const [timer, release] of held) {
        clearTimeout(timer);
        release();
      }
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
