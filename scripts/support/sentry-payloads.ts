// Realistic Sentry integration webhook bodies (the shapes of Sentry's own documented
// payloads), for the demo and the ingest benchmark. Tests use the fixed payloads in tests/fixtures/sentry/.
import { randomUUID } from "node:crypto";

export interface DemoIssue {
  id: string;
  shortId: string;
  title: string;
  culprit: string;
  level: "fatal" | "error" | "warning" | "info";
  project: string;
  platform: string;
  environment: string;
  type: string;
  value: string;
  count: number;
  userCount: number;
}

const INSTALLATION = { uuid: "7a485448-a9e2-4c85-8a3c-4f44175783c9" };
const APP_ACTOR = { type: "application", id: "sentry", name: "Sentry" };

export function issuePayload(issue: DemoIssue, action: "created" | "resolved" | "unresolved" | "assigned" | "ignored", at: Date, extra: Record<string, unknown> = {}) {
  const status = action === "resolved" ? "resolved" : action === "ignored" ? "ignored" : "unresolved";
  return {
    action,
    installation: INSTALLATION,
    data: {
      issue: {
        url: `https://sentry.io/api/0/organizations/acme/issues/${issue.id}/`,
        web_url: `https://acme.sentry.io/issues/${issue.id}/`,
        project_url: `https://acme.sentry.io/issues/?project=${issue.project}`,
        id: issue.id,
        shareId: null,
        shortId: issue.shortId,
        title: issue.title,
        culprit: issue.culprit,
        permalink: `https://acme.sentry.io/issues/${issue.id}/`,
        logger: null,
        level: issue.level,
        status,
        statusDetails: {},
        substatus: action === "created" ? "new" : action === "unresolved" ? "regressed" : null,
        isPublic: false,
        platform: issue.platform,
        project: { id: String(4500000000000000 + issue.project.length), name: issue.project, slug: issue.project, platform: issue.platform },
        type: "error",
        metadata: { type: issue.type, value: issue.value, filename: issue.culprit },
        numComments: 0,
        assignedTo: null,
        isBookmarked: false,
        isSubscribed: false,
        hasSeen: false,
        annotations: [],
        issueType: "error",
        issueCategory: "error",
        priority: issue.level === "fatal" ? "high" : "medium",
        isUnhandled: true,
        count: String(issue.count),
        userCount: issue.userCount,
        firstSeen: new Date(at.getTime() - 3_600_000).toISOString(),
        lastSeen: at.toISOString(),
        ...extra,
      },
    },
    actor: APP_ACTOR,
  };
}

function eventBody(issue: DemoIssue, at: Date) {
  return {
    event_id: randomUUID().replaceAll("-", ""),
    issue_id: issue.id,
    issue_url: `https://sentry.io/api/0/issues/${issue.id}/`,
    title: issue.title,
    message: "",
    culprit: issue.culprit,
    level: issue.level,
    platform: issue.platform,
    environment: issue.environment,
    release: "web@2026.11.3",
    datetime: at.toISOString(),
    timestamp: at.getTime() / 1000,
    project: 1,
    metadata: { type: issue.type, value: issue.value },
    tags: [
      ["environment", issue.environment],
      ["release", "web@2026.11.3"],
      ["level", issue.level],
      ["handled", "no"],
      ["runtime", issue.platform === "python" ? "CPython 3.12" : "node v20.20.2"],
    ],
    exception: {
      values: [
        {
          type: issue.type,
          value: issue.value,
          mechanism: { type: "generic", handled: false },
          stacktrace: {
            frames: [
              { filename: "node:internal/process/task_queues", function: "processTicksAndRejections", lineno: 95, in_app: false },
              { filename: issue.culprit.split(" ")[0], function: "handler", lineno: 42, colno: 7, in_app: true, context_line: `    const result = await run(${JSON.stringify(issue.type)});` },
              { filename: "lib/runtime/execute.ts", function: "run", lineno: 118, colno: 13, in_app: true, context_line: "    throw error;" },
            ],
          },
        },
      ],
    },
    web_url: `https://acme.sentry.io/issues/${issue.id}/events/${randomUUID().replaceAll("-", "")}/`,
  };
}

export function eventAlertPayload(issue: DemoIssue, rule: string, at: Date) {
  return { action: "triggered", installation: INSTALLATION, data: { event: eventBody(issue, at), triggered_rule: rule, issue_alert: { title: rule, settings: [] } }, actor: APP_ACTOR };
}

export function errorPayload(issue: DemoIssue, at: Date) {
  return { action: "created", installation: INSTALLATION, data: { error: eventBody(issue, at) }, actor: APP_ACTOR };
}

export function commentPayload(issue: DemoIssue, text: string, author: string, at: Date) {
  return {
    action: "created",
    installation: INSTALLATION,
    data: { comment_id: Math.floor(Math.random() * 1e9), issue_id: Number(issue.id), project_slug: issue.project, comment: text, timestamp: at.toISOString() },
    actor: { type: "user", id: 1, name: author },
  };
}

export function metricAlertPayload(id: string, action: "critical" | "warning" | "resolved", at: Date) {
  const title = action === "resolved" ? "Resolved: p95 latency of checkout" : `${action === "critical" ? "Critical" : "Warning"}: p95 latency of checkout`;
  return {
    action,
    installation: INSTALLATION,
    data: {
      description_text: "p95(transaction.duration) above 1500ms in the last 10 minutes",
      description_title: title,
      metric_alert: {
        id,
        identifier: id,
        title: "Checkout latency",
        date_created: at.toISOString(),
        date_detected: at.toISOString(),
        date_started: at.toISOString(),
        date_closed: action === "resolved" ? at.toISOString() : null,
        alert_rule: { id: "12", name: "Checkout latency", projects: ["web"], aggregate: "p95(transaction.duration)", time_window: 10 },
        projects: ["web"],
        status: action === "resolved" ? 2 : 20,
      },
      web_url: `https://acme.sentry.io/alerts/rules/details/12/`,
    },
    actor: APP_ACTOR,
  };
}

export const DEMO_ISSUES: DemoIssue[] = [
  { id: "4100000001", shortId: "CI-12", title: "Build failed: TypeScript error in app/checkout/page.tsx", culprit: "ci/build", level: "error", project: "ci", platform: "node", environment: "staging", type: "BuildError", value: "Type 'string' is not assignable to type 'number'.", count: 4, userCount: 0 },
  { id: "4100000002", shortId: "API-3F", title: "ConnectionTimeoutError: pool exhausted", culprit: "lib/database/pool.ts in acquire", level: "fatal", project: "api", platform: "node", environment: "production", type: "ConnectionTimeoutError", value: "timeout acquiring a connection from the database pool after 5000ms", count: 913, userCount: 214 },
  { id: "4100000003", shortId: "WORKER-9", title: "OutOfMemoryError: Java heap space", culprit: "com.acme.reports.Exporter in render", level: "fatal", project: "worker", platform: "java", environment: "production", type: "OutOfMemoryError", value: "Java heap space", count: 37, userCount: 12 },
  { id: "4100000004", shortId: "WEB-2K", title: "TypeError: Cannot read properties of undefined (reading 'price')", culprit: "app/cart/summary.tsx in CartSummary", level: "error", project: "web", platform: "javascript", environment: "production", type: "TypeError", value: "Cannot read properties of undefined (reading 'price')", count: 128, userCount: 95 },
  { id: "4100000005", shortId: "WEB-2L", title: "ChunkLoadError: Loading chunk 431 failed", culprit: "webpack/runtime/load script", level: "warning", project: "web", platform: "javascript", environment: "production", type: "ChunkLoadError", value: "Loading chunk 431 failed.", count: 22, userCount: 19 },
  { id: "4100000006", shortId: "API-40", title: "ValueError: invalid literal for int() with base 10: 'abc'", culprit: "billing/invoices.py in parse_amount", level: "error", project: "billing", platform: "python", environment: "staging", type: "ValueError", value: "invalid literal for int() with base 10: 'abc'", count: 6, userCount: 2 },
];
