import { z } from "zod";

/** Everything an alert can be about; routes choose among them. */
export const ALERT_EVENT_TYPES = [
  "job.failed",
  "job.succeeded",
  "job.needs_approval",
  "job.timed_out",
  "remediation.ineffective",
  "monitor.missed",
  "monitor.timeout",
  "monitor.failing",
  "monitor.recovered",
  "health.down",
  "health.up",
  "issue.created",
  "metric_alert",
  "outbox.stuck",
  "outbox.recovered",
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** Lowest first: a route's minSeverity lets through that level and everything above it. */
export const ALERT_SEVERITIES = ["info", "warning", "error", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const names = (what: string) =>
  z
    .array(z.string().trim().min(1, { message: `${what} must not be empty` }).max(200))
    .min(1, { message: `list at least one ${what}, or leave the field out to match any` })
    .max(50)
    .optional();

/**
 * What a route (or a maintenance window) applies to. Every field given must hold; a field left
 * out matches anything. An event that lacks a field a route asks about (a class on a monitor
 * event) does not match that route.
 */
export const alertMatchSchema = z.strictObject({
  types: z.array(z.enum(ALERT_EVENT_TYPES, { message: `must be one of ${ALERT_EVENT_TYPES.join(", ")}` })).min(1).optional(),
  tiers: z.array(z.enum(["prod", "nonprod"], { message: "must be prod or nonprod" })).min(1).optional(),
  classes: z.array(z.enum(["A", "B", "C"], { message: "must be A, B or C" })).min(1).optional(),
  environments: names("environment"),
  namespaces: names("namespace"),
  scripts: names("script"),
  levels: z.array(z.enum(["fatal", "error", "warning", "info", "debug"], { message: "must be fatal, error, warning, info or debug" })).min(1).optional(),
  minSeverity: z.enum(ALERT_SEVERITIES, { message: `must be one of ${ALERT_SEVERITIES.join(", ")}` }).optional(),
});
export type AlertMatch = z.infer<typeof alertMatchSchema>;

/** The facts of an event that routes look at. */
export interface AlertFacts {
  type: string;
  severity: string;
  tier: "prod" | "nonprod" | null;
  priorityClass?: string | null;
  environment?: string | null;
  namespace?: string | null;
  script?: string | null;
  level?: string | null;
}

/** Pure: the facts of a stored event (its columns and the fields of its data routes read). */
export function alertFacts(event: { type: string; severity: string; tier: "prod" | "nonprod" | null; data: unknown }): AlertFacts {
  const data = (event.data && typeof event.data === "object" ? event.data : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  return {
    type: event.type,
    severity: event.severity,
    tier: event.tier,
    priorityClass: text(data.priorityClass),
    environment: text(data.environment),
    namespace: text(data.namespace),
    script: text(data.script),
    level: text(data.level),
  };
}

const severityRank = (severity: string) => ALERT_SEVERITIES.indexOf(severity as AlertSeverity);

/** Pure: whether an event's facts satisfy a route's (or a maintenance window's) match. */
export function alertMatches(match: AlertMatch, facts: AlertFacts): boolean {
  const within = (allowed: readonly string[] | undefined, value: string | null | undefined) => allowed === undefined || (value != null && allowed.includes(value));
  return (
    within(match.types, facts.type) &&
    within(match.tiers, facts.tier) &&
    within(match.classes, facts.priorityClass) &&
    within(match.environments, facts.environment) &&
    within(match.namespaces, facts.namespace) &&
    within(match.scripts, facts.script) &&
    within(match.levels, facts.level) &&
    (match.minSeverity === undefined || severityRank(facts.severity) >= severityRank(match.minSeverity))
  );
}

export interface DefaultRoute {
  name: string;
  channelKind: "slack" | "pagerduty" | "email" | "github";
  match: AlertMatch;
}

/**
 * The alerting strategy as routes: production to Slack, the failures that need a person now to
 * PagerDuty, non-production to email, failed build fixes to a GitHub comment. Created for a
 * channel kind when the first channel of that kind is added.
 */
export const DEFAULT_ROUTES: DefaultRoute[] = [
  { name: "Production → Slack #production-alerts", channelKind: "slack", match: { tiers: ["prod"] } },
  { name: "Class A production job failed → PagerDuty", channelKind: "pagerduty", match: { types: ["job.failed", "job.timed_out"], tiers: ["prod"], classes: ["A"] } },
  { name: "Production worker monitor failing → PagerDuty", channelKind: "pagerduty", match: { types: ["monitor.failing", "monitor.recovered"], tiers: ["prod"] } },
  { name: "Non-production → email", channelKind: "email", match: { tiers: ["nonprod"] } },
  { name: "Build failures → GitHub comment", channelKind: "github", match: { types: ["job.failed"], scripts: ["fix-build-errors"] } },
];
