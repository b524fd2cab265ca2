import { createHmac } from "node:crypto";

/** An alert event as the channels render it. */
export interface AlertMessage {
  id: string;
  type: string;
  title: string;
  severity: string;
  tier: "prod" | "nonprod" | null;
  resolves: boolean;
  groupKey: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface AlertLink {
  text: string;
  href: string;
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/** Pure: links into this app for what the event is about (job, issue, monitor, health check). */
export function alertLinks(message: AlertMessage, appUrl: string): AlertLink[] {
  const base = appUrl.replace(/\/+$/, "");
  const links: AlertLink[] = [];
  const jobId = text(message.data.jobId);
  const issueId = text(message.data.issueId);
  const monitor = text(message.data.monitorSlug);
  const check = text(message.data.healthCheckId);
  if (jobId) links.push({ text: "Open the job", href: `${base}/jobs/${encodeURIComponent(jobId)}` });
  if (issueId) links.push({ text: "Open the issue", href: `${base}/issues/${encodeURIComponent(issueId)}` });
  if (monitor) links.push({ text: "Open the monitor", href: `${base}/monitors/${encodeURIComponent(monitor)}` });
  if (check) links.push({ text: "Open the health check", href: `${base}/health/${encodeURIComponent(check)}` });
  return links;
}

const SEVERITY_MARK: Record<string, string> = { critical: ":rotating_light:", error: ":red_circle:", warning: ":warning:", info: ":information_source:" };

/** The facts worth a glance, in a fixed order, skipping what the event does not have. */
function facts(message: AlertMessage): [string, string][] {
  const rows: [string, string | null][] = [
    ["Tier", message.tier],
    ["Severity", message.severity],
    ["Event", message.type],
    ["Script", text(message.data.script)],
    ["Namespace", text(message.data.namespace)],
    ["Class", text(message.data.priorityClass)],
    ["Environment", text(message.data.environment)],
    ["Reason", text(message.data.reason) ?? text(message.data.error)],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== null);
}

/** Slack incoming webhook: a readable message (blocks) with a plain-text fallback. */
export function slackPayload(message: AlertMessage, appUrl: string): { text: string; blocks: unknown[] } {
  const headline = message.resolves ? `:white_check_mark: Resolved: ${message.title}` : `${SEVERITY_MARK[message.severity] ?? ""} ${message.title}`.trim();
  const links = alertLinks(message, appUrl);
  return {
    text: headline,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(headline)}*` } },
      { type: "section", fields: facts(message).slice(0, 10).map(([label, value]) => ({ type: "mrkdwn", text: `*${label}*\n${escapeSlack(value.slice(0, 500))}` })) },
      ...(links.length > 0 ? [{ type: "actions", elements: links.map((link) => ({ type: "button", text: { type: "plain_text", text: link.text }, url: link.href })) }] : []),
      { type: "context", elements: [{ type: "mrkdwn", text: `${message.occurredAt.toISOString()} · group ${escapeSlack(message.groupKey)}` }] },
    ],
  };
}

/** Slack's mrkdwn treats &, < and > as markup (https://api.slack.com/reference/surfaces/formatting#escaping). */
function escapeSlack(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

const PAGERDUTY_SEVERITIES = new Set(["critical", "error", "warning", "info"]);

/**
 * PagerDuty Events API v2: a trigger, or a resolve of the incident the same dedup key opened
 * (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). The group key is the
 * dedup key, so repeats of one problem stay one incident.
 */
export function pagerDutyPayload(message: AlertMessage, routingKey: string, appUrl: string): Record<string, unknown> {
  const dedupKey = message.groupKey.slice(0, 255);
  if (message.resolves) return { routing_key: routingKey, event_action: "resolve", dedup_key: dedupKey };
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: dedupKey,
    payload: {
      summary: message.title.slice(0, 1024),
      source: "self-healing-ops",
      severity: PAGERDUTY_SEVERITIES.has(message.severity) ? message.severity : "error",
      timestamp: message.occurredAt.toISOString(),
      component: text(message.data.script) ?? text(message.data.monitorSlug) ?? undefined,
      group: message.tier ?? undefined,
      class: message.type,
      custom_details: Object.fromEntries(facts(message)),
    },
    links: alertLinks(message, appUrl),
  };
}

/** A generic webhook's JSON body: the event as stored, plus links. */
export function webhookBody(message: AlertMessage, appUrl: string): string {
  return JSON.stringify({
    id: message.id,
    type: message.type,
    title: message.title,
    severity: message.severity,
    tier: message.tier,
    resolves: message.resolves,
    groupKey: message.groupKey,
    occurredAt: message.occurredAt.toISOString(),
    data: message.data,
    links: alertLinks(message, appUrl),
  });
}

/**
 * Headers that let a receiver check a webhook came from this app and is fresh: an HMAC-SHA256
 * over "<timestamp>.<body>" with the channel's secret (the scheme Stripe and Slack use, so the
 * timestamp cannot be swapped without breaking the signature).
 */
export function webhookSignatureHeaders(body: string, secret: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return { "x-ops-timestamp": timestamp, "x-ops-signature": `sha256=${signature}` };
}

/** An email: a subject that sorts and filters well, and a plain-text body. */
export function emailMessage(message: AlertMessage, appUrl: string): { subject: string; text: string } {
  const tier = message.tier ? `[${message.tier.toUpperCase()}]` : "";
  const subject = `${message.resolves ? "[RESOLVED]" : `[${message.severity.toUpperCase()}]`}${tier} ${message.title}`.slice(0, 250);
  const lines = [message.resolves ? `Resolved: ${message.title}` : message.title, "", ...facts(message).map(([label, value]) => `${label}: ${value}`), "", ...alertLinks(message, appUrl).map((link) => `${link.text}: ${link.href}`), "", `Group: ${message.groupKey}`, `At: ${message.occurredAt.toISOString()}`];
  return { subject, text: lines.join("\n") };
}

/** A GitHub comment (Markdown) on the pull request or commit of a failed build fix. */
export function githubCommentBody(message: AlertMessage, appUrl: string): string {
  const rows = facts(message).map(([label, value]) => `| ${label} | ${value.replaceAll("|", "\\|").replaceAll("\n", " ")} |`);
  const links = alertLinks(message, appUrl).map((link) => `[${link.text}](${link.href})`);
  return [`### ${message.resolves ? "✅ Resolved: " : "❌ "}${message.title}`, "", "| | |", "|---|---|", ...rows, "", links.join(" · "), "", `<sub>self-healing-ops · ${message.type} · ${message.occurredAt.toISOString()}</sub>`].join("\n");
}
