// Scenario 4: property-based fuzzing (fast-check) of the routes that take input from outside:
// the Sentry webhook, check-ins (both URL forms), the job callback, sign-in and setup, and the
// API's mutations and lists. Every generated mutation is invalid by construction (a field is
// poisoned), so each must be refused with a 4xx and leave the database as it was; every GET
// must answer below 500.
import fc from "fast-check";
import { signSentryBody } from "@/lib/sentry/webhooks/signature";
import { DEMO_ISSUES, issuePayload } from "@/scripts/support/sentry-payloads";
import type { ReliabilityApp } from "./support/app";
import { closedLoop } from "./support/closed-loop";

export interface FuzzRequest {
  target: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** "reject": a 4xx and nothing stored; "answer": anything below 500. */
  expect: "reject" | "answer";
}

export interface FuzzFixtures {
  monitorSlug: string;
  monitorToken: string;
  jobId: string;
  ruleId: string;
  channelId: string;
  healthCheckId: string;
}

const NASTY = [
  "' OR 1=1 --",
  "\u0000",
  "%00",
  "\u0000admin",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "{{secret.RELIABILITY}}",
  "${jndi:ldap://127.0.0.1/x}",
  "\ud800",
  "NaN",
  "-1",
  "1e309",
  "9".repeat(400),
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ‮ text",
  "a".repeat(20_000),
  "__proto__",
  "constructor",
  "null",
  "[]",
  "{}",
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Values a field of the given kind can never accept. */
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notInEnum = (allowed: string[]) => fc.oneof(notAString, hostileString.filter((value) => !allowed.includes(value.trim())));
const notAnEmail = fc.oneof(notAString, hostileString.map((value) => `not an email ${value}`));

/** A body that is not JSON at all (never empty: an empty body reads as {}). */
const notJson = hostileString.filter((text) => {
  if (text.trim() === "") return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const jsonButNotAnObject = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(hostileValue, { maxLength: 3 })).map((value) => JSON.stringify(value));

/** A valid-looking body with one field poisoned, plus junk fields. */
function poisoned(base: Record<string, unknown>, poisons: [string, fc.Arbitrary<unknown>][]): fc.Arbitrary<string> {
  const oneObject = fc
    .tuple(fc.constantFrom(...poisons), fc.dictionary(hostileString.filter((key) => !(key in base) && !poisons.some(([name]) => name === key)), hostileValue, { maxKeys: 3 }))
    .chain(([[field, bad], junk]) => bad.map((value) => JSON.stringify({ ...junk, ...base, [field]: value })));
  return fc.oneof({ weight: 6, arbitrary: oneObject }, { weight: 1, arbitrary: notJson }, { weight: 1, arbitrary: jsonButNotAnObject });
}

/** Random extra headers: forwarded addresses, cookies, odd content types. */
const junkHeaders = fc.dictionary(
  fc.constantFrom("x-forwarded-for", "x-real-ip", "cookie", "content-type", "user-agent", "origin", "accept", "x-requested-with", "sentry-hook-timestamp"),
  fc.oneof(hostileString, fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16")),
  { maxKeys: 3 },
).map((headers) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, headerSafe(value)])));

/** A string as one path segment; a lone surrogate (which encodeURIComponent refuses) as broken percent-encoding. */
function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value) || "x";
  } catch {
    return "%ED%A0%80";
  }
}

/** fetch refuses header values with control or non-Latin-1 characters; keep the rest. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, "?").slice(0, 2_000);
}

const hostileQuery = fc
  .array(fc.tuple(hostileString, hostileString), { maxLength: 4 })
  .chain((pairs) =>
    fc.oneof(
      fc.constant(new URLSearchParams(pairs).toString()),
      // Raw, including broken percent-encoding.
      fc.constantFrom("%", "%zz", "q=%E0%A4%A", "limit=-1", "limit=1e309", "cursor=%00", "from=yesterday", "range=999d", "status=__proto__", "a[]=1&a[]=2"),
    ),
  );

function apiMutation(target: string, method: string, path: string, token: string, body: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(body, junkHeaders).map(([text, headers]) => ({
    target,
    method,
    path,
    headers: { ...headers, "content-type": "application/json", authorization: `Bearer ${token}` },
    body: text,
    expect: "reject" as const,
  }));
}

function readPaths(fixtures: FuzzFixtures): string[] {
  return ["/api/issues", "/api/jobs", "/api/deliveries", "/api/audit", "/api/overview", "/api/overview/remediation", "/api/alerts/deliveries", "/api/rules", "/api/monitors", "/api/workers", "/api/health-checks", `/api/jobs/${fixtures.jobId}/logs`, `/api/rules/${fixtures.ruleId}`, `/api/monitors/${fixtures.monitorSlug}`];
}

/** One plain read of each list, so what a first read stores (caches, snapshots) is there before the comparison. */
export async function warmUp(app: ReliabilityApp, fixtures: FuzzFixtures): Promise<void> {
  for (const path of readPaths(fixtures)) await app.request(path, { headers: { authorization: `Bearer ${app.adminToken}` } });
}

export function fuzzRequests(app: ReliabilityApp, fixtures: FuzzFixtures): fc.Arbitrary<FuzzRequest> {
  const token = app.adminToken;
  const secret = app.secrets.sentryClientSecret;
  const issueBody = JSON.stringify(issuePayload(DEMO_ISSUES[0]!, "created", new Date()));

  const webhookUnsigned = fc
    .tuple(fc.oneof(hostileString, fc.constant(issueBody)), fc.oneof(fc.constant(undefined), hostileString), junkHeaders, fc.constantFrom("issue", "event_alert", "error", "installation", "zz"))
    .map(([body, signature, headers, resource]): FuzzRequest => ({
      target: "webhook (unsigned or forged)",
      method: "POST",
      path: "/api/webhooks/sentry",
      headers: { ...headers, "content-type": "application/json", "sentry-hook-resource": resource, ...(signature === undefined ? {} : { "sentry-hook-signature": headerSafe(signature) }) },
      body,
      expect: "reject",
    }));
  // Signed with the real secret, as if Sentry itself sent something broken.
  const signedBroken = fc.oneof(
    fc.tuple(notJson, fc.constant("issue")),
    fc.tuple(jsonButNotAnObject, fc.constantFrom("issue", "error", "event_alert", "metric_alert", "comment", "installation")),
    fc.tuple(fc.constant(issueBody), hostileString.filter((resource) => !/^[a-z_]{1,64}$/.test(resource.trim()))),
    fc.tuple(
      fc.tuple(hostileValue, fc.constantFrom("data", "action")).map(([value, field]) => JSON.stringify({ ...JSON.parse(issueBody), [field]: typeof value === "string" || value === null ? 42 : value === 42 ? "x" : [value] })),
      fc.constant("issue"),
    ),
  );
  const webhookSigned = fc.tuple(signedBroken, junkHeaders).map(([[body, resource], headers]): FuzzRequest => ({
    target: "webhook (signed, malformed)",
    method: "POST",
    path: "/api/webhooks/sentry",
    headers: { ...headers, "content-type": "application/json", "sentry-hook-resource": headerSafe(resource), "sentry-hook-signature": signSentryBody(Buffer.from(body), secret) },
    body,
    expect: "reject",
  }));

  const checkInStatus = notInEnum(["in_progress", "ok", "error"]);
  const checkIn = fc
    .tuple(
      fc.oneof(
        checkInStatus.map((status) => JSON.stringify({ status })),
        jsonButNotAnObject,
        notJson,
        checkInStatus.chain((status) => fc.dictionary(hostileString, hostileValue, { maxKeys: 3 }).map((junk) => JSON.stringify({ ...junk, status }))),
      ),
      fc.oneof(fc.constant(`DSN ${fixtures.monitorToken}`), fc.constant(`Bearer ${token}`), hostileString.map((value) => `Bearer ${headerSafe(value)}`)),
      junkHeaders,
    )
    .map(([body, authorization, headers]): FuzzRequest => ({
      target: "check-in (JSON)",
      method: "POST",
      path: `/api/monitors/${fixtures.monitorSlug}/checkins`,
      headers: { ...headers, "content-type": "application/json", authorization },
      body,
      expect: "reject",
    }));
  const sentryUrlCheckIn = fc
    .tuple(fc.constantFrom("GET", "POST"), checkInStatus, fc.oneof(fc.constant(fixtures.monitorToken), hostileString), hostileQuery)
    .map(([method, status, key, extra]): FuzzRequest => ({
      target: "check-in (Sentry URL form)",
      method,
      path: `/api/0/cron/${fixtures.monitorSlug}/${pathSegment(key)}/?${new URLSearchParams({ status: typeof status === "string" ? status : JSON.stringify(status) }).toString()}&${extra}`,
      headers: {},
      expect: "reject",
    }));

  const callback = fc
    .tuple(fc.oneof(hostileString, fc.constant(JSON.stringify({ status: "succeeded" }))), hostileString, fc.constantFrom(fixtures.jobId, "00000000-0000-7000-8000-000000000000"))
    .map(([body, bearer, jobId]): FuzzRequest => ({
      target: "job callback",
      method: "POST",
      path: `/api/jobs/${jobId}/callback`,
      headers: { "content-type": "application/json", authorization: `Bearer ${headerSafe(bearer)}` },
      body,
      expect: "reject",
    }));

  const signIn = fc.tuple(poisoned({ password: "whatever it is" }, [["email", notAnEmail]]), junkHeaders).map(([body, headers]): FuzzRequest => ({
    target: "sign-in",
    method: "POST",
    path: "/api/auth/signin",
    headers: { ...headers, "content-type": "application/json" },
    body,
    expect: "reject",
  }));
  const setup = poisoned({ email: "second@reliability.test", password: "a long enough password", name: "Second" }, [["email", notAnEmail], ["password", notAString]]).map(
    (body): FuzzRequest => ({ target: "setup", method: "POST", path: "/api/setup", headers: { "content-type": "application/json" }, body, expect: "reject" }),
  );

  const mutations = fc.oneof(
    apiMutation("POST /api/jobs", "POST", "/api/jobs", token, poisoned({ script: "sleep", tier: "nonprod", args: { seconds: 0 } }, [["tier", notInEnum(["prod", "nonprod"])], ["script", notAString], ["maxAttempts", fc.oneof(fc.constantFrom(0, 11, 1.5, -3), notAString)]])),
    apiMutation("POST /api/rules", "POST", "/api/rules", token, poisoned({ name: "fuzz", trigger: "issue_created", action: { script: "sleep", tier: "nonprod" } }, [["trigger", notInEnum(["issue_created", "issue_regressed", "issue_unresolved", "event_alert", "metric_alert", "error", "issue_resolved"])], ["name", fc.oneof(notAString, fc.constant(""))], ["action", fc.oneof(notAString, hostileString)]])),
    apiMutation("PUT /api/rules/[id]", "PUT", `/api/rules/${fixtures.ruleId}`, token, poisoned({ expectedRevision: 1 }, [["rule", fc.oneof(notAString, hostileString, fc.constant({}))]])),
    apiMutation("POST /api/rules/[id]/enabled", "POST", `/api/rules/${fixtures.ruleId}/enabled`, token, poisoned({}, [["enabled", fc.oneof(hostileString, fc.integer(), fc.constant(null))]])),
    apiMutation("POST /api/rules/reorder", "POST", "/api/rules/reorder", token, poisoned({}, [["ids", fc.oneof(hostileString, fc.integer(), fc.constant([]), fc.constant(null))]])),
    apiMutation("POST /api/alerts/channels", "POST", "/api/alerts/channels", token, poisoned({ name: "fuzz" }, [["kind", notInEnum(["slack", "pagerduty", "webhook", "email", "github"])]])),
    apiMutation("POST /api/alerts/routes", "POST", "/api/alerts/routes", token, poisoned({ name: "fuzz" }, [["channelIds", fc.oneof(fc.constant([]), hostileString, fc.integer(), fc.constant(null))]])),
    apiMutation("PATCH /api/alerts/routes/[id]", "PATCH", `/api/alerts/routes/00000000-0000-7000-8000-000000000000`, token, poisoned({}, [["enabled", fc.oneof(hostileString, fc.integer())]])),
    apiMutation("POST /api/alerts/maintenance", "POST", "/api/alerts/maintenance", token, poisoned({ name: "fuzz", startsAt: "2026-01-01T00:00:00Z" }, [["endsAt", fc.oneof(hostileString.map((value) => `not a date ${value}`), fc.constant("2025-01-01T00:00:00Z"), fc.constant(null))]])),
    apiMutation("POST /api/health-checks", "POST", "/api/health-checks", token, poisoned({ name: "fuzz", target: { url: "http://127.0.0.1:9/" } }, [["kind", notInEnum(["http", "tcp", "redis", "postgres"])]])),
    apiMutation("PUT /api/health-checks/[id]", "PUT", `/api/health-checks/${fixtures.healthCheckId}`, token, poisoned({ name: "fuzz", target: { url: "http://127.0.0.1:9/" } }, [["kind", notInEnum(["http", "tcp", "redis", "postgres"])]])),
    apiMutation("POST /api/monitors", "POST", "/api/monitors", token, poisoned({ monitor_config: { schedule: { type: "crontab", value: "* * * * *" } } }, [["slug", fc.oneof(notAString, hostileString.map((value) => `Bad Slug ${value}`))]])),
    apiMutation("PATCH /api/monitors/[slug]", "PATCH", `/api/monitors/${fixtures.monitorSlug}`, token, poisoned({}, [["enabled", fc.oneof(hostileString, fc.integer())]])),
    apiMutation("POST /api/users", "POST", "/api/users", token, poisoned({ password: "a long enough password", name: "Fuzz", role: "viewer" }, [["email", notAnEmail]])),
    apiMutation("PATCH /api/users/[id]", "PATCH", "/api/users/00000000-0000-7000-8000-000000000000", token, poisoned({}, [["role", notInEnum(["viewer", "operator", "admin"])]])),
    apiMutation("POST /api/tokens", "POST", "/api/tokens", token, poisoned({ name: "fuzz" }, [["role", notInEnum(["viewer", "operator", "admin"])]])),
    apiMutation("POST /api/jobs/[id]/cancel", "POST", "/api/jobs/00000000-0000-7000-8000-000000000000/cancel", token, poisoned({}, [["reason", notAString]])),
  );

  const lists = fc
    .tuple(
      fc.constantFrom(...readPaths(fixtures)),
      hostileQuery,
      fc.oneof(fc.constant(`Bearer ${token}`), hostileString.map((value) => `Bearer ${headerSafe(value)}`)),
    )
    .map(([path, query, authorization]): FuzzRequest => ({ target: `GET ${path.replace(/[0-9a-f-]{36}|fuzz-monitor/g, "[id]")}`, method: "GET", path: `${path}?${query}`, headers: { authorization }, expect: "answer" }));

  // Hostile ids in dynamic segments: NULs, broken %-escapes, traversal, very long ones.
  const dynamicPaths = fc
    .tuple(
      fc.constantFrom("/api/jobs/", "/api/issues/", "/api/rules/", "/api/monitors/", "/api/deliveries/", "/api/health-checks/", "/jobs/", "/issues/", "/rules/"),
      fc.oneof(hostileString.map(pathSegment), fc.constantFrom("%00", "%", "%zz", "%E0%A4%A", "%ED%A0%80", "..%2F..%2Fetc", "%2e%2e", "a%00b")),
      fc.oneof(fc.constant(`Bearer ${token}`), hostileString.map((value) => `Bearer ${headerSafe(value)}`)),
    )
    .map(([prefix, id, authorization]): FuzzRequest => ({ target: `GET ${prefix}[hostile id]`, method: "GET", path: `${prefix}${id}`, headers: { authorization }, expect: "answer" }));

  return fc.oneof(
    { weight: 1, arbitrary: dynamicPaths },
    { weight: 3, arbitrary: webhookUnsigned },
    { weight: 3, arbitrary: webhookSigned },
    { weight: 2, arbitrary: checkIn },
    { weight: 2, arbitrary: sentryUrlCheckIn },
    { weight: 1, arbitrary: callback },
    { weight: 1, arbitrary: signIn },
    { weight: 1, arbitrary: setup },
    { weight: 6, arbitrary: mutations },
    { weight: 3, arbitrary: lists },
  );
}

export interface FuzzResult {
  requests: number;
  seed: number;
  byTarget: Record<string, { sent: number; statuses: Record<string, number> }>;
  failures: string[];
  seconds: number;
}

export async function fuzz(app: ReliabilityApp, fixtures: FuzzFixtures, options: { runs: number; seed: number; concurrency: number }): Promise<FuzzResult> {
  const requests = fc.sample(fuzzRequests(app, fixtures), { numRuns: options.runs, seed: options.seed });
  const byTarget: FuzzResult["byTarget"] = {};
  const failures: string[] = [];
  const started = performance.now();
  await closedLoop(requests.length, options.concurrency, async (index) => {
    const request = requests[index]!;
    let status: number;
    try {
      status = (await app.request(request.path, { method: request.method, headers: request.headers, body: request.method === "GET" ? undefined : request.body })).status;
    } catch (error) {
      status = 0;
      failures.push(`#${index} ${request.target}: no answer (${(error as Error).message})`);
    }
    const counts = (byTarget[request.target] ??= { sent: 0, statuses: {} });
    counts.sent++;
    counts.statuses[String(status)] = (counts.statuses[String(status)] ?? 0) + 1;
    const ok = request.expect === "reject" ? status >= 400 && status < 500 : status > 0 && status < 500;
    if (!ok && status !== 0) failures.push(`#${index} ${request.target}: ${status} for ${request.method} ${request.path.slice(0, 200)} body ${JSON.stringify(request.body?.slice(0, 300))}`);
  });
  return { requests: requests.length, seed: options.seed, byTarget, failures, seconds: (performance.now() - started) / 1000 };
}

/** Row count and content hash of every table: "nothing stored" compares two of these. */
export async function databaseFingerprint(app: ReliabilityApp, options: { skipContent: string[]; skipRows: Record<string, string> }): Promise<Record<string, string>> {
  const tables = await app.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    const content = options.skipContent.includes(name) ? "'-'" : `md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))`;
    const where = options.skipRows[name] ? `WHERE NOT (${options.skipRows[name]})` : "";
    const [row] = await app.query<{ rows: string; content: string }>(`SELECT count(*) AS rows, ${content} AS content FROM "${name}" t ${where}`);
    fingerprint[name] = `${row!.rows} rows, ${row!.content}`;
  }
  return fingerprint;
}
