// npm run bench:rules -- [--issues 10000] [--rules 10,100,1000] [--repeats 3] [--warmup 1000] [--seed 20240611]
// The pure evaluation the rules engine runs on every issue change (`planEvaluation`), in
// process, no database: generated issues against generated rule sets of 10, 100 and 1,000
// rules. Every rule is enabled, has trigger issue_created and no "stop after match", so every
// rule is evaluated for every issue (the worst case); conditions mix narrow ones (title, culprit,
// exception type, project, release) with broad filters (environment, level, counts, tags) so
// that a few percent of decisions match. Prints per-issue mean (wall and process CPU) and p99,
// rule evaluations per second, matched decisions and the growth from the smallest set; the
// target is < 1 ms per issue at 1,000 rules. A report: exits 0 whether or not the target holds, and
// non-zero only when a generated rule is invalid or the runs disagree.
import { cpus, loadavg } from "node:os";
import { parseFlags, stringFlag } from "@/lib/cli/args";
import { compileRules, planEvaluation, type CompiledRule } from "@/lib/rules/evaluate";
import { CONDITION_FIELDS, CONDITION_OPERATORS, type Rule, type RuleCondition, type RuleConditions } from "@/lib/rules/model";
import type { EventFacts, IssueFacts, RuleSubject } from "@/lib/rules/subject";
import { validateRule } from "@/lib/rules/validate";
import { percentile } from "./load";

const TRIGGER = "issue_created";
const TARGET_RULES = 1000;
const TARGET_MS = 1;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: the same seed gives the same issues and rules on every machine.

type Random = () => number;

/** mulberry32: a small, fast 32-bit PRNG, good enough to spread test data. */
function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}
const hex = (random: Random, length: number) => Array.from({ length }, () => "0123456789abcdef"[Math.floor(random() * 16)]).join("");

// ---------------------------------------------------------------------------------------------
// Issues: what Sentry reports for a handful of services on several platforms.

type Platform = "javascript" | "node" | "python" | "java" | "go" | "ruby";

interface Failure {
  type: string;
  value: (random: Random) => string;
}

const FAILURES: Record<Platform, Failure[]> = {
  javascript: [
    { type: "TypeError", value: (r) => `Cannot read properties of undefined (reading '${pick(r, ["id", "map", "length", "user", "items"])}')` },
    { type: "TypeError", value: () => "Failed to fetch" },
    { type: "ChunkLoadError", value: (r) => `Loading chunk ${int(r, 100, 999)} failed.` },
    { type: "SyntaxError", value: () => "Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON" },
    { type: "Error", value: (r) => `Hydration failed because the initial UI does not match what was rendered on the server (${pick(r, ["Header", "CartBadge", "PriceTag"])})` },
    { type: "AbortError", value: () => "The operation was aborted." },
    { type: "Error", value: (r) => `Request timed out after ${pick(r, [5000, 10000, 30000])}ms` },
  ],
  node: [
    { type: "Error", value: (r) => `connect ECONNREFUSED 10.0.${int(r, 0, 9)}.${int(r, 2, 250)}:5432` },
    { type: "Error", value: () => "read ECONNRESET" },
    { type: "TimeoutError", value: (r) => `Request to https://api.${pick(r, ["stripe.com", "sendgrid.com", "github.com"])}/v1 timed out after 30000ms` },
    { type: "TypeError", value: (r) => `Cannot read properties of null (reading '${pick(r, ["email", "id", "total", "status"])}')` },
    { type: "PrismaClientKnownRequestError", value: (r) => `Unique constraint failed on the fields: (\`${pick(r, ["email", "sku", "slug"])}\`)` },
    { type: "RangeError", value: () => "Maximum call stack size exceeded" },
    { type: "Error", value: () => "Timed out fetching a new connection from the connection pool." },
    { type: "Error", value: (r) => `Build failed for ${pick(r, ["web", "checkout", "admin"])}: ${int(r, 1, 40)} type errors` },
  ],
  python: [
    { type: "KeyError", value: (r) => `'${pick(r, ["user_id", "amount", "currency", "customer"])}'` },
    { type: "ValueError", value: (r) => `invalid literal for int() with base 10: '${pick(r, ["abc", "", "12a", "None"])}'` },
    { type: "OperationalError", value: () => "could not connect to server: Connection refused" },
    { type: "IntegrityError", value: (r) => `duplicate key value violates unique constraint "${pick(r, ["users_email_key", "invoices_number_key"])}"` },
    { type: "ReadTimeout", value: (r) => `HTTPSConnectionPool(host='${pick(r, ["api.stripe.com", "hooks.slack.com"])}', port=443): Read timed out. (read timeout=10)` },
    { type: "AttributeError", value: (r) => `'NoneType' object has no attribute '${pick(r, ["get", "id", "split"])}'` },
    { type: "MemoryError", value: () => "" },
  ],
  java: [
    { type: "NullPointerException", value: (r) => `Cannot invoke "${pick(r, ["Order.getId()", "User.getEmail()", "String.length()"])}" because the return value is null` },
    { type: "OutOfMemoryError", value: () => "Java heap space" },
    { type: "SQLTransientConnectionException", value: () => "HikariPool-1 - Connection is not available, request timed out after 30000ms." },
    { type: "SocketTimeoutException", value: () => "Read timed out" },
    { type: "IllegalStateException", value: (r) => `Order ${int(r, 10000, 99999)} is already ${pick(r, ["shipped", "cancelled", "paid"])}` },
    { type: "DataIntegrityViolationException", value: () => "could not execute statement; SQL [n/a]; constraint [orders_pkey]" },
  ],
  go: [
    { type: "runtime.Error", value: () => "invalid memory address or nil pointer dereference" },
    { type: "*errors.errorString", value: () => "context deadline exceeded" },
    { type: "*net.OpError", value: (r) => `dial tcp 10.0.${int(r, 0, 9)}.${int(r, 2, 250)}:6379: connect: connection refused` },
    { type: "*pq.Error", value: () => "pq: too many connections for role \"inventory\"" },
  ],
  ruby: [
    { type: "NoMethodError", value: (r) => `undefined method \`${pick(r, ["name", "email", "each"])}' for nil:NilClass` },
    { type: "ActiveRecord::RecordNotFound", value: (r) => `Couldn't find ${pick(r, ["User", "Account", "Subscription"])} with 'id'=${int(r, 1, 99999)}` },
    { type: "Net::ReadTimeout", value: () => "Net::ReadTimeout with #<TCPSocket:(closed)>" },
    { type: "ActiveRecord::ConnectionTimeoutError", value: () => "could not obtain a connection from the pool within 5.000 seconds" },
    { type: "Redis::CannotConnectError", value: () => "Error connecting to Redis on 10.0.4.7:6379 (Errno::ECONNREFUSED)" },
  ],
};

const PROJECTS: readonly { name: string; platform: Platform; modules: string[] }[] = [
  { name: "web", platform: "javascript", modules: ["components/cart/CartDrawer", "components/search/SearchBox", "app/(shop)/product/[slug]/page", "lib/analytics/track"] },
  { name: "shop", platform: "javascript", modules: ["app/checkout/page", "components/checkout/PaymentForm", "lib/api/client", "app/account/orders/page"] },
  { name: "checkout", platform: "node", modules: ["app/api/checkout/route", "lib/payments/stripe", "lib/database/pool", "lib/cart/totals"] },
  { name: "api-gateway", platform: "node", modules: ["src/routes/proxy", "src/auth/session", "src/middleware/rate-limit", "src/db/client"] },
  { name: "notifications", platform: "node", modules: ["src/email/send", "src/queue/consumer", "src/templates/render", "src/db/outbox"] },
  { name: "billing", platform: "python", modules: ["billing.tasks", "billing.invoices.render", "billing.db.session", "billing.webhooks.stripe"] },
  { name: "reports", platform: "python", modules: ["reports.exports.csv", "reports.jobs.nightly", "reports.db.warehouse", "reports.api.views"] },
  { name: "ml-scoring", platform: "python", modules: ["scoring.model.predict", "scoring.features.build", "scoring.cache.redis"] },
  { name: "orders", platform: "java", modules: ["com.acme.orders.OrderService", "com.acme.orders.db.OrderRepository", "com.acme.orders.api.OrderController"] },
  { name: "payments", platform: "java", modules: ["com.acme.payments.ChargeService", "com.acme.payments.db.LedgerDao", "com.acme.payments.gateway.StripeClient"] },
  { name: "inventory", platform: "go", modules: ["internal/store", "internal/reservations", "internal/db/pool", "cmd/inventory-api"] },
  { name: "auth", platform: "go", modules: ["internal/session", "internal/oauth", "internal/db"] },
  { name: "admin", platform: "ruby", modules: ["UsersController", "Admin::AccountsController", "BillingSyncJob", "ReportMailer"] },
  { name: "accounts", platform: "ruby", modules: ["AccountsController", "SubscriptionRenewalJob", "Db::ReplicaCheck"] },
];

const FUNCTIONS = ["handler", "POST", "GET", "render", "acquire", "charge", "sync", "run", "perform", "execute", "reserve", "placeOrder", "send"];
const ENVIRONMENTS = ["production", "staging", "dev"] as const;
const LEVELS = ["fatal", "error", "warning", "info", "debug"] as const;
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];
const BROWSERS = ["Chrome 126.0", "Chrome 125.0", "Safari 17.5", "Firefox 127.0", "Edge 126.0", "Mobile Safari 17.4"];
const TIERS = ["free", "pro", "enterprise"];
const TRANSACTIONS = ["/api/checkout", "/api/orders/:id", "/api/cart", "/api/auth/callback", "/product/:slug", "/account", "/api/search"];
const RUNTIMES: Record<Platform, string[]> = {
  javascript: ["browser"],
  node: ["node v20.15.0", "node v22.4.1"],
  python: ["CPython 3.11.9", "CPython 3.12.4"],
  java: ["OpenJDK 17.0.11", "OpenJDK 21.0.3"],
  go: ["go1.22.5"],
  ruby: ["ruby 3.3.3"],
};

function culprit(random: Random, project: (typeof PROJECTS)[number]): string {
  const where = pick(random, project.modules);
  const fn = pick(random, FUNCTIONS);
  switch (project.platform) {
    case "javascript":
      return `webpack://./src/${where}.tsx in ${fn}`;
    case "node":
      return `${where}.ts in ${fn}`;
    case "python":
      return `${where} in ${fn}`;
    case "java":
      return `${where} in ${fn}`;
    case "go":
      return `${where}.${fn[0]!.toUpperCase()}${fn.slice(1)} in ${where}/${fn}.go`;
    case "ruby":
      return `${where}#${fn}`;
  }
}

/** An issue and (usually) the event that created it, as the engine builds them from a Sentry webhook. */
function generateIssue(random: Random, index: number): RuleSubject {
  const project = pick(random, PROJECTS);
  const failure = pick(random, FAILURES[project.platform]);
  const value = failure.value(random);
  const environment = weighted(random, [
    [ENVIRONMENTS[0], 5],
    [ENVIRONMENTS[1], 3],
    [ENVIRONMENTS[2], 2],
  ]);
  const level = weighted(random, [
    [LEVELS[0], 5],
    [LEVELS[1], 70],
    [LEVELS[2], 15],
    [LEVELS[3], 7],
    [LEVELS[4], 3],
  ]);
  // Long-tailed like real issues: most are seen a few times, a few millions of times.
  const count = Math.max(1, Math.floor(Math.exp(random() * Math.log(1_000_000))));
  const userCount = Math.floor(count * random() * 0.3);
  const release = `${project.name}@${pick(random, ["1", "2", "3"])}.${int(random, 0, 14)}.${int(random, 0, 9)}`;
  const issue: IssueFacts = {
    id: `issue-${index}`,
    sentryId: String(4_000_000_000 + index),
    shortId: `${project.name.toUpperCase()}-${int(random, 1, 9999)}`,
    title: value ? `${failure.type}: ${value}` : failure.type,
    culprit: random() < 0.95 ? culprit(random, project) : null,
    level,
    status: weighted(random, [
      ["unresolved", 90],
      ["resolved", 6],
      ["ignored", 4],
    ]),
    // Issue webhooks often carry no environment; the event does.
    environment: random() < 0.6 ? environment : null,
    project: project.name,
    platform: project.platform,
    metadata: { type: failure.type, value, filename: `${pick(random, project.modules)}`, function: pick(random, FUNCTIONS) },
    count,
    userCount,
    permalink: `https://acme.sentry.io/issues/${4_000_000_000 + index}/`,
    firstSeen: "2024-06-01T10:00:00.000Z",
    lastSeen: "2024-06-11T10:00:00.000Z",
  };
  if (random() < 0.15) return { kind: "issue", issue, event: null };
  const tags: Record<string, string> = {
    environment,
    level,
    release,
    region: pick(random, REGIONS),
    runtime: pick(random, RUNTIMES[project.platform]),
    customer_tier: pick(random, TIERS),
    handled: random() < 0.7 ? "yes" : "no",
    transaction: pick(random, TRANSACTIONS),
  };
  if (project.platform === "javascript") {
    tags.browser = pick(random, BROWSERS);
    tags["os.name"] = pick(random, ["Windows", "Mac OS X", "iOS", "Android", "Linux"]);
    tags.url = `https://shop.acme.com${pick(random, ["/", "/cart", "/checkout", "/product/blue-mug", "/account/orders"])}`;
  } else {
    tags.server_name = `${project.name}-${hex(random, 5)}-${hex(random, 5)}`;
  }
  const event: EventFacts = {
    id: hex(random, 32),
    title: issue.title,
    message: value || null,
    level,
    environment,
    release: random() < 0.8 ? release : null,
    platform: project.platform,
    tags,
  };
  return { kind: "issue", issue, event };
}

// ---------------------------------------------------------------------------------------------
// Rules: what admins write, drawn from the same vocabulary so that some of them match.

const TEXT_FRAGMENTS = ["timed out", "timeout", "ECONNREFUSED", "connection refused", "undefined", "null", "Unique constraint", "heap space", "Build failed", "pool", "deadline exceeded", "chunk", "duplicate key", "Hydration failed"];
const PATTERNS = [
  "(?i)timeout|timed out",
  "(?i)\\b(db|database|postgres|sql)\\b",
  "^(TypeError|RangeError):",
  "ECONN(REFUSED|RESET)",
  "(?i)connection (refused|reset|is not available)",
  "(?i)out ?of ?memory|heap space|MemoryError",
  "Exception$",
  "^[A-Z][A-Za-z]+Error$",
  "(?i)^build failed for \\w+",
  "\\bpool\\b",
  "(?i)reading '(id|user|email)'",
  "\\d{4,}ms",
  "^(Net|Redis|ActiveRecord)::",
  "nil (pointer|:NilClass)",
];
// Pieces admins combine into their own alternations, so most patterns in a large set are
// distinct (and each is compiled and run on its own).
const PATTERN_PIECES = [
  "timeout",
  "timed out",
  "ECONNREFUSED",
  "ECONNRESET",
  "connection (refused|reset)",
  "heap space",
  "nil pointer",
  "deadline exceeded",
  "Unique constraint",
  "duplicate key",
  "undefined",
  "null",
  "chunk \\d+",
  "\\d{4,}ms",
  "\\bpool\\b",
  "NilClass",
  "not valid JSON",
  "too many connections",
  "could not (connect|obtain)",
  "Read timed out",
  "Maximum call stack",
  "Hydration",
  "aborted",
  "reading '\\w+'",
  "HikariPool-\\d+",
  "constraint \\[\\w+\\]",
  "Couldn't find \\w+",
  "port=443",
];
function composedPattern(random: Random): string {
  const alternation = `(${sample(random, PATTERN_PIECES, int(random, 1, 4)).join("|")})`;
  const prefix = random() < 0.6 ? "(?i)" : "";
  return random() < 0.2 ? `${prefix}^\\w+(Error|Exception|Timeout): .*${alternation}` : `${prefix}${alternation}`;
}
const CULPRIT_FRAGMENTS = ["database", "db", "pool", "payments", "checkout", "session", "stripe", "Job", "Controller", "queue"];
const CULPRIT_PREFIXES = ["app/api/", "lib/", "src/", "com.acme.", "billing.", "internal/", "webpack://./src/components/"];
const CULPRIT_PATTERNS = ["(?i)\\bdb\\b", "(?i)(database|db)[/.]", "Job#perform$", "^com\\.acme\\.(orders|payments)\\.", "\\.ts in (POST|GET)$"];

type ConditionKind = "exclusion" | "title" | "culprit" | "level" | "status" | "environment" | "project" | "platform" | "type" | "value" | "tag" | "release" | "count";

function allTypes(): string[] {
  return [...new Set(Object.values(FAILURES).flatMap((failures) => failures.map((failure) => failure.type)))];
}
const TYPES = allTypes();
const PLATFORMS = Object.keys(FAILURES) as Platform[];

function textCondition(random: Random, field: "title" | "metadata.value"): RuleCondition {
  return weighted<RuleCondition>(random, [
    [{ field, operator: "contains", value: pick(random, TEXT_FRAGMENTS) }, 5],
    [{ field, operator: "matches", value: random() < 0.4 ? pick(random, PATTERNS) : composedPattern(random) }, 4],
    [{ field, operator: "starts_with", value: field === "title" ? `${pick(random, TYPES)}:` : pick(random, ["Cannot read", "connect ", "could not", "Request"]) }, 2],
    [{ field, operator: "equals", value: pick(random, ["Error: read ECONNRESET", "RangeError: Maximum call stack size exceeded", "OutOfMemoryError: Java heap space", "Java heap space"]) }, 1],
  ]);
}

/** Known noise left out of a rule ("…but not Failed to fetch"). */
function exclusion(random: Random): RuleCondition {
  return weighted<RuleCondition>(random, [
    [{ field: "title", operator: "not_equals", value: pick(random, ["TypeError: Failed to fetch", "Error: read ECONNRESET", "AbortError: The operation was aborted."]) }, 2],
    [{ field: "metadata.value", operator: "not_equals", value: pick(random, ["Failed to fetch", "read ECONNRESET"]) }, 1],
  ]);
}

function condition(random: Random, kind: ConditionKind): RuleCondition {
  switch (kind) {
    case "exclusion":
      return exclusion(random);
    case "title":
      return textCondition(random, "title");
    case "value":
      return textCondition(random, "metadata.value");
    case "culprit":
      return weighted<RuleCondition>(random, [
        [{ field: "culprit", operator: "contains", value: pick(random, CULPRIT_FRAGMENTS) }, 4],
        [{ field: "culprit", operator: "starts_with", value: pick(random, CULPRIT_PREFIXES) }, 2],
        [{ field: "culprit", operator: "matches", value: pick(random, CULPRIT_PATTERNS) }, 3],
      ]);
    case "level":
      return weighted<RuleCondition>(random, [
        [{ field: "level", operator: "in", value: pick(random, [["error", "fatal"], ["fatal"], ["warning", "error", "fatal"]]) }, 3],
        [{ field: "level", operator: "equals", value: pick(random, ["fatal", "error"]) }, 2],
        [{ field: "level", operator: "not_equals", value: pick(random, ["info", "debug"]) }, 1],
      ]);
    case "status":
      return { field: "status", operator: pick(random, ["equals", "not_equals"] as const), value: pick(random, ["unresolved", "ignored"]) };
    case "environment":
      return weighted<RuleCondition>(random, [
        [{ field: "environment", operator: "equals", value: pick(random, ENVIRONMENTS) }, 4],
        [{ field: "environment", operator: "in", value: sample(random, ENVIRONMENTS, 2) }, 2],
        [{ field: "environment", operator: "not_equals", value: "dev" }, 1],
      ]);
    case "project":
      return weighted<RuleCondition>(random, [
        [{ field: "project", operator: "equals", value: pick(random, PROJECTS).name }, 3],
        [{ field: "project", operator: "in", value: sample(random, PROJECTS, int(random, 2, 3)).map((project) => project.name) }, 3],
        [{ field: "project", operator: "starts_with", value: pick(random, ["pay", "ord", "bill", "web"]) }, 1],
      ]);
    case "platform":
      return weighted<RuleCondition>(random, [
        [{ field: "platform", operator: "equals", value: pick(random, PLATFORMS) }, 2],
        [{ field: "platform", operator: "in", value: sample(random, PLATFORMS, 2) }, 1],
      ]);
    case "type":
      return weighted<RuleCondition>(random, [
        [{ field: "metadata.type", operator: "equals", value: pick(random, TYPES) }, 4],
        [{ field: "metadata.type", operator: "in", value: sample(random, TYPES, int(random, 2, 3)) }, 3],
        [{ field: "metadata.type", operator: "matches", value: pick(random, ["Timeout", "^(ActiveRecord|Redis)::", "(?i)connection", "^Prisma|^SQL|^\\*pq\\."]) }, 2],
        [{ field: "metadata.type", operator: "starts_with", value: pick(random, ["SQL", "Prisma", "Active", "Net::"]) }, 1],
      ]);
    case "tag":
      return weighted<RuleCondition>(random, [
        [{ field: "tag", tag: "region", operator: "equals", value: pick(random, REGIONS) }, 3],
        [{ field: "tag", tag: "region", operator: "starts_with", value: pick(random, ["us-", "eu-"]) }, 1],
        [{ field: "tag", tag: "customer_tier", operator: "in", value: sample(random, TIERS, int(random, 1, 2)) }, 2],
        [{ field: "tag", tag: "browser", operator: "contains", value: pick(random, ["Chrome", "Safari", "Firefox"]) }, 1],
        [{ field: "tag", tag: "handled", operator: "equals", value: "no" }, 2],
        [{ field: "tag", tag: "transaction", operator: "matches", value: pick(random, ["^/api/(checkout|cart)", "^/api/", ":id$"]) }, 1],
        [{ field: "tag", tag: "server_name", operator: "starts_with", value: `${pick(random, PROJECTS).name}-` }, 1],
        [{ field: "tag", tag: "runtime", operator: "contains", value: pick(random, ["node v20", "CPython 3.12", "OpenJDK 21"]) }, 1],
      ]);
    case "release":
      return weighted<RuleCondition>(random, [
        [{ field: "release", operator: "starts_with", value: `${pick(random, PROJECTS).name}@${pick(random, ["1.", "2.", "3."])}` }, 3],
        [{ field: "release", operator: "matches", value: `^${pick(random, PROJECTS).name.replace("-", "\\-")}@3\\.\\d+\\.\\d+$` }, 2],
        [{ field: "release", operator: "equals", value: `${pick(random, PROJECTS).name}@2.${int(random, 0, 14)}.0` }, 1],
      ]);
    case "count":
      return weighted<RuleCondition>(random, [
        [{ field: "event_count", operator: "gt", value: pick(random, [100, 1000, 10_000]) }, 4],
        [{ field: "event_count", operator: "lt", value: pick(random, [5, 50, 500]) }, 2],
        [{ field: "user_count", operator: "gt", value: pick(random, [10, 50, 500]) }, 3],
        [{ field: "user_count", operator: "lt", value: pick(random, [1, 10]) }, 1],
        [{ field: "event_count", operator: "equals", value: 1 }, 1],
      ]);
  }
}

// What a rule is about (an exception, a culprit, a service, a release) is narrow; where it
// applies (environment, level, volume, region) is a broad filter. Admins combine the two, so a
// typical rule matches a few percent of issues.
const NARROW: readonly (readonly [ConditionKind, number])[] = [
  ["title", 18],
  ["culprit", 10],
  ["project", 10],
  ["type", 10],
  ["value", 5],
  ["release", 4],
];
/** Alternatives of one rule: several spellings of the same failure. */
const ALTERNATIVES: readonly (readonly [ConditionKind, number])[] = [
  ["title", 18],
  ["culprit", 10],
  ["type", 10],
  ["value", 5],
];
const BROAD: readonly (readonly [ConditionKind, number])[] = [
  ["exclusion", 2],
  ["level", 10],
  ["status", 2],
  ["environment", 12],
  ["platform", 5],
  ["tag", 10],
  ["count", 8],
];

function group(random: Random, kinds: readonly (readonly [ConditionKind, number])[], match: "all" | "any", size: number): RuleConditions["groups"][number] {
  return { match, conditions: Array.from({ length: size }, () => condition(random, weighted(random, kinds))) };
}

function conditions(random: Random): RuleConditions {
  // Either "any" of a few spellings of one failure (culprit contains database, or matches
  // \bdb\b), usually narrowed by a group of filters; or one narrow condition with filters.
  if (random() < 0.25) {
    const alternatives = group(random, ALTERNATIVES, "any", weighted(random, [[2, 3], [3, 1]]));
    if (random() < 0.2) return { match: "all", groups: [alternatives] };
    return { match: "all", groups: [alternatives, group(random, BROAD, "all", int(random, 1, 2))] };
  }
  const what = { match: "all" as const, conditions: [condition(random, weighted(random, NARROW)), ...group(random, BROAD, "all", weighted(random, [[0, 1], [1, 3], [2, 3], [3, 1]])).conditions] };
  const shape = random();
  if (shape < 0.65) return { match: "all", groups: [what] };
  if (shape < 0.9) return { match: "all", groups: [what, group(random, BROAD, random() < 0.6 ? "all" : "any", int(random, 1, 3))] };
  return { match: "any", groups: [what, group(random, NARROW, "all", int(random, 1, 2))] };
}

function generateRule(random: Random, index: number): Rule {
  return {
    id: `bench-rule-${String(index).padStart(4, "0")}`,
    name: `Bench rule ${index + 1}`,
    description: "",
    enabled: true,
    position: index + 1,
    trigger: TRIGGER,
    conditions: conditions(random),
    action: { script: "noop", tier: "nonprod", namespace: "default", priorityClass: "B", args: { note: "{{issue.shortId}} {{event.tags.region}}" }, metadata: {}, resolveIssueOnSuccess: false },
    safety: { cooldownMinutes: 30, maxJobsPerWindow: 10, windowMinutes: 60, oneUntilResolved: true },
    stopAfterMatch: false,
    dryRun: false,
    requiresApproval: false,
    revision: 1,
  };
}

/** Every generated rule must be one an admin could save; the conditions must survive validation unchanged. */
function checkRulesAreLegal(rules: Rule[]): void {
  for (const rule of rules) {
    const { id: _id, position: _position, revision: _revision, ...draft } = rule;
    let valid: ReturnType<typeof validateRule>;
    try {
      valid = validateRule(draft);
    } catch (error) {
      throw new Error(`generated rule ${rule.id} is invalid: ${error instanceof Error ? error.message : String(error)}\n${JSON.stringify(rule.conditions)}`);
    }
    if (JSON.stringify(valid.conditions) !== JSON.stringify(rule.conditions)) {
      throw new Error(`generated rule ${rule.id} changes when validated:\n${JSON.stringify(rule.conditions)}\n${JSON.stringify(valid.conditions)}`);
    }
  }
  const used = { operators: new Set<string>(), fields: new Set<string>() };
  for (const rule of rules) {
    for (const group of rule.conditions.groups) {
      for (const c of group.conditions) {
        used.operators.add(c.operator);
        used.fields.add(c.field);
      }
    }
  }
  const missing = [...CONDITION_OPERATORS.filter((op) => !used.operators.has(op)), ...CONDITION_FIELDS.filter((field) => !used.fields.has(field))];
  if (missing.length > 0) throw new Error(`generated rules never use: ${missing.join(", ")}`);
}

// ---------------------------------------------------------------------------------------------
// Measurement.

interface Run {
  rules: number;
  totalMs: number;
  meanMs: number;
  /** Process CPU (all threads, so GC helpers count) per issue: steadier than wall time on a busy machine. */
  cpuMs: number;
  p99Ms: number;
  matched: number;
  issuesMatched: number;
}

function measure(compiled: CompiledRule[], subjects: RuleSubject[], warmup: number): Run {
  for (let i = 0; i < warmup; i++) planEvaluation(compiled, subjects[i % subjects.length]!, TRIGGER);
  const times = new Float64Array(subjects.length);
  let matched = 0;
  let issuesMatched = 0;
  let totalMs = 0;
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < subjects.length; i++) {
    const started = performance.now();
    const planned = planEvaluation(compiled, subjects[i]!, TRIGGER);
    const ms = performance.now() - started;
    times[i] = ms;
    totalMs += ms;
    let here = 0;
    for (const entry of planned) if (entry.outcome.kind === "matched") here++;
    matched += here;
    if (here > 0) issuesMatched++;
  }
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = Array.from(times.sort());
  return { rules: compiled.length, totalMs, meanMs: totalMs / subjects.length, cpuMs: (cpu.user + cpu.system) / 1000 / subjects.length, p99Ms: percentile(sorted, 99), matched, issuesMatched };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function positiveInt(flags: Record<string, string | true>, name: string, fallback: number): number {
  const raw = stringFlag(flags, name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${raw}.`);
  return value;
}

function main(): number {
  const flags = parseFlags(process.argv.slice(2));
  const issueCount = positiveInt(flags, "issues", 10_000);
  const repeats = positiveInt(flags, "repeats", 3);
  const warmup = positiveInt(flags, "warmup", 1000);
  const seed = positiveInt(flags, "seed", 20240611);
  const sizes = (stringFlag(flags, "rules") ?? "10,100,1000").split(",").map((size) => {
    const value = Number(size);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--rules takes positive integers separated by commas, got "${size}".`);
    return value;
  });
  sizes.sort((a, b) => a - b);

  const issueRandom = mulberry32(seed);
  const subjects = Array.from({ length: issueCount }, (_, i) => generateIssue(issueRandom, i));
  // The smaller sets are prefixes of the largest, so growth compares like with like.
  const ruleRandom = mulberry32(seed ^ 0x5eed);
  const allRules = Array.from({ length: sizes[sizes.length - 1]! }, (_, i) => generateRule(ruleRandom, i));
  checkRulesAreLegal(allRules);
  const conditionCount = allRules.reduce((sum, rule) => sum + rule.conditions.groups.reduce((n, group) => n + group.conditions.length, 0), 0);
  const patterns = allRules.flatMap((rule) => rule.conditions.groups.flatMap((group) => group.conditions.filter((c) => c.operator === "matches").map((c) => String(c.value))));

  // Wall times suffer when other processes compete for the CPUs; the load says how much.
  console.log(`Node ${process.version} on ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"} (load average ${loadavg()[0]!.toFixed(1)}); seed ${seed}`);
  console.log(`${issueCount} issues; ${allRules.length} rules validated (${conditionCount} conditions, ${patterns.length} RE2 patterns of which ${new Set(patterns).size} distinct; every operator and field used)`);
  console.log(`trigger ${TRIGGER} on every rule, no stop-after-match: every rule evaluated for every issue`);

  const sets = sizes.map((size) => {
    const rules = allRules.slice(0, size);
    const started = performance.now();
    const compiled = compileRules(rules);
    return { size, compiled, compileMs: performance.now() - started };
  });

  // Sizes interleaved within each repeat, so drift during the run affects all alike.
  const runs = new Map<number, Run[]>(sizes.map((size) => [size, []]));
  for (let r = 0; r < repeats; r++) for (const set of sets) runs.get(set.size)!.push(measure(set.compiled, subjects, warmup));

  const problems: string[] = [];
  const results = sets.map((set) => {
    const all = runs.get(set.size)!;
    if (new Set(all.map((run) => run.matched)).size !== 1) problems.push(`${set.size} rules: matched decisions differ between repeats (${all.map((run) => run.matched).join(", ")})`);
    const meanMs = median(all.map((run) => run.meanMs));
    return { ...set, meanMs, cpuMs: median(all.map((run) => run.cpuMs)), p99Ms: median(all.map((run) => run.p99Ms)), matched: all[0]!.matched, issuesMatched: all[0]!.issuesMatched, spread: all.map((run) => run.meanMs) };
  });

  const base = results[0]!;
  console.log(`\nper issue: planEvaluation(compiled, subject, "${TRIGGER}"); median of ${repeats} runs over ${issueCount} issues, after ${warmup} warm-up issues each`);
  console.log("rules  compile ms  mean ms/issue  CPU ms/issue  p99 ms/issue  µs/rule  rule evals/s   matched  match %  issues matched  growth");
  for (const result of results) {
    const decisions = result.size * issueCount;
    const evalsPerSecond = decisions / ((result.meanMs * issueCount) / 1000);
    const growth = result.meanMs / base.meanMs;
    console.log(
      [
        result.size.toString().padStart(5),
        result.compileMs.toFixed(2).padStart(11),
        result.meanMs.toFixed(4).padStart(14),
        result.cpuMs.toFixed(4).padStart(13),
        result.p99Ms.toFixed(4).padStart(13),
        ((result.meanMs * 1000) / result.size).toFixed(3).padStart(8),
        Math.round(evalsPerSecond).toLocaleString("en-US").padStart(13),
        result.matched.toLocaleString("en-US").padStart(9),
        ((100 * result.matched) / decisions).toFixed(2).padStart(8),
        result.issuesMatched.toLocaleString("en-US").padStart(15),
        `×${growth.toFixed(1)}`.padStart(7),
      ].join(" "),
    );
  }
  console.log(`growth ${results.map((result) => `${result.size}`).join(" → ")} rules: ${results.map((result) => `×${(result.meanMs / base.meanMs).toFixed(1)}`).join(" → ")} (linear would be ${results.map((result) => `×${(result.size / base.size).toFixed(0)}`).join(" → ")})`);
  console.log(`spread of the runs' means (ms/issue): ${results.map((result) => `${result.size}: ${result.spread.map((ms) => ms.toFixed(4)).join(" / ")}`).join("; ")}`);

  const target = results.find((result) => result.size === TARGET_RULES);
  if (target) {
    const holds = target.meanMs < TARGET_MS;
    console.log(`\n1,000 rules: ${target.meanMs.toFixed(3)} ms per issue (target < ${TARGET_MS} ms) — ${holds ? "holds" : "MISSED"}; p99 ${target.p99Ms.toFixed(3)} ms`);
  } else {
    console.log(`\n(no ${TARGET_RULES}-rule set in --rules; target not checked)`);
  }
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}

try {
  process.exit(main());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
