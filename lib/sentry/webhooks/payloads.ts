import { createHash } from "node:crypto";
import { z } from "zod";
import { sentryEventSchema, sentryIssueSchema } from "../issue-json";

const idString = z.union([z.string().min(1), z.number().int()]).transform(String);

const envelope = {
  action: z.string({ message: "must be a string" }).min(1, { message: "must not be empty" }),
  installation: z.looseObject({ uuid: z.string({ message: "must be a string" }) }).nullish(),
  actor: z.looseObject({ type: z.string().nullish(), id: z.union([z.string(), z.number()]).nullish(), name: z.string().nullish() }).nullish(),
};

export const ISSUE_ACTIONS = ["created", "resolved", "assigned", "ignored", "archived", "unresolved"] as const;
export const METRIC_ALERT_ACTIONS = ["critical", "warning", "open", "resolved"] as const;
export const COMMENT_ACTIONS = ["created", "updated", "deleted"] as const;

export const issueWebhook = z.looseObject({ ...envelope, data: z.looseObject({ issue: sentryIssueSchema }) });
export const eventAlertWebhook = z.looseObject({
  ...envelope,
  data: z.looseObject({
    event: sentryEventSchema,
    triggered_rule: z.string().nullish(),
    issue_alert: z.looseObject({ title: z.string().nullish() }).nullish(),
  }),
});
export const errorWebhook = z.looseObject({ ...envelope, data: z.looseObject({ error: sentryEventSchema }) });
export const metricAlertWebhook = z.looseObject({
  ...envelope,
  data: z.looseObject({
    metric_alert: z.looseObject({
      id: idString,
      title: z.string().nullish(),
      date_started: z.string().nullish(),
      date_closed: z.string().nullish(),
      alert_rule: z.looseObject({ name: z.string().nullish(), projects: z.array(z.string()).nullish() }).nullish(),
      projects: z.array(z.union([z.string(), z.looseObject({ slug: z.string().nullish() })])).nullish(),
    }),
    description_title: z.string().nullish(),
    description_text: z.string().nullish(),
    web_url: z.string().nullish(),
  }),
});
export const commentWebhook = z.looseObject({
  ...envelope,
  data: z.looseObject({
    comment_id: idString,
    issue_id: idString,
    comment: z.string().nullish(),
    project_slug: z.string().nullish(),
    timestamp: z.string().nullish(),
  }),
});
export const installationWebhook = z.looseObject({
  ...envelope,
  data: z.looseObject({
    installation: z.looseObject({
      uuid: z.string({ message: "must be a string" }),
      status: z.string().nullish(),
      organization: z.looseObject({ slug: z.string().nullish() }).nullish(),
      app: z.looseObject({ slug: z.string().nullish() }).nullish(),
    }),
  }),
});
const genericWebhook = z.looseObject({ ...envelope, data: z.unknown().optional() });

export type ParsedWebhook =
  | { resource: "issue"; payload: z.infer<typeof issueWebhook> }
  | { resource: "event_alert"; payload: z.infer<typeof eventAlertWebhook> }
  | { resource: "error"; payload: z.infer<typeof errorWebhook> }
  | { resource: "metric_alert"; payload: z.infer<typeof metricAlertWebhook> }
  | { resource: "comment"; payload: z.infer<typeof commentWebhook> }
  | { resource: "installation"; payload: z.infer<typeof installationWebhook> }
  | { resource: "other"; name: string; payload: z.infer<typeof genericWebhook> };

const SCHEMAS = {
  issue: issueWebhook,
  event_alert: eventAlertWebhook,
  error: errorWebhook,
  metric_alert: metricAlertWebhook,
  comment: commentWebhook,
  installation: installationWebhook,
} as const;

export type WebhookParseResult = { ok: true; webhook: ParsedWebhook } | { ok: false; field: string; message: string };

/** Pure: checks a decoded body against the shape of its resource, naming the first wrong field. */
export function parseWebhook(resource: string, body: unknown): WebhookParseResult {
  const schema = resource in SCHEMAS ? SCHEMAS[resource as keyof typeof SCHEMAS] : genericWebhook;
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join(".") : "body";
    const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
    return { ok: false, field, message: `${field} ${message}` };
  }
  const webhook = (resource in SCHEMAS ? { resource, payload: result.data } : { resource: "other", name: resource, payload: result.data }) as ParsedWebhook;
  return { ok: true, webhook };
}

/** The id of the thing a delivery is about, for de-duplication and linking. */
export function webhookEntityId(webhook: ParsedWebhook): string | null {
  switch (webhook.resource) {
    case "issue":
      return webhook.payload.data.issue.id;
    case "event_alert":
      return webhook.payload.data.event.event_id;
    case "error":
      return webhook.payload.data.error.event_id;
    case "metric_alert":
      return webhook.payload.data.metric_alert.id;
    case "comment":
      return webhook.payload.data.comment_id;
    case "installation":
      return webhook.payload.data.installation.uuid;
    default:
      return null;
  }
}

/** JSON with sorted keys, so the same content hashes the same however it was formatted. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function contentHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

/**
 * Pure: what makes two deliveries "the same". Sentry's Request-ID is new on every resend,
 * so the key is the content: resource, action, entity id and the hash of the canonical body.
 */
export function webhookContentKey(resource: string, action: string, entityId: string | null, bodyHash: string): string {
  return `${resource}:${action}:${entityId ?? "-"}:${bodyHash}`;
}
