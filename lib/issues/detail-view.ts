/**
 * Pure shaping of stored Sentry data for the issue detail view. Event payloads are stored as
 * Sentry sent them, so everything here reads `unknown` defensively: a field Sentry omits or a
 * SDK fills oddly degrades to null instead of failing the page.
 */

export interface StackFrameView {
  function: string | null;
  /** filename, or the module when the platform has no file names (Java, Python bytecode). */
  filename: string | null;
  module: string | null;
  lineno: number | null;
  colno: number | null;
  contextLine: string | null;
  inApp: boolean;
}

export interface TopFrames {
  frames: StackFrameView[];
  /** False when the event has no in-app frame and the innermost frames of any kind are shown instead. */
  inAppOnly: boolean;
}

export const TOP_FRAMES_LIMIT = 8;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return null;
}

function integer(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : null;
}

/** `exception.values`, or a bare array (older SDKs and some API serializers send that). */
function exceptionValues(exception: unknown): Json[] {
  const values = Array.isArray(exception) ? exception : isObject(exception) ? exception.values : null;
  return Array.isArray(values) ? values.filter(isObject) : [];
}

function frameView(frame: Json): StackFrameView {
  return {
    function: text(frame.function) ?? text(frame.raw_function) ?? text(frame.symbol),
    filename: text(frame.filename) ?? text(frame.abs_path) ?? text(frame.module),
    module: text(frame.module),
    lineno: integer(frame.lineno),
    colno: integer(frame.colno),
    contextLine: text(frame.context_line)?.trim() ?? null,
    inApp: frame.in_app === true,
  };
}

/**
 * The innermost frames worth reading, crashing frame first. Sentry lists exceptions oldest
 * first (the one finally raised is last) and frames outermost first (the crashing call is
 * last), so both lists are walked from the end. Only in-app frames are kept unless the event
 * has none — then the innermost frames of any kind, so the panel is never empty for a
 * stack trace that exists.
 */
export function topInAppFrames(exception: unknown, limit = TOP_FRAMES_LIMIT): TopFrames {
  const innermostFirst: Json[] = [];
  for (const value of exceptionValues(exception).reverse()) {
    const stacktrace = isObject(value.stacktrace) ? value.stacktrace : null;
    const frames = Array.isArray(stacktrace?.frames) ? stacktrace.frames.filter(isObject) : [];
    innermostFirst.push(...frames.reverse());
  }
  const inApp = innermostFirst.filter((frame) => frame.in_app === true);
  if (inApp.length > 0) return { frames: inApp.slice(0, limit).map(frameView), inAppOnly: true };
  return { frames: innermostFirst.slice(0, limit).map(frameView), inAppOnly: false };
}

/** The exception that was finally raised: "TypeError: x is undefined". */
export function exceptionHeadline(exception: unknown): { type: string | null; value: string | null } | null {
  const last = exceptionValues(exception).at(-1);
  if (!last) return null;
  const type = text(last.type);
  const value = text(last.value);
  return type || value ? { type, value } : null;
}

/** Event tags as stored: a record, Sentry's `[key, value]` pairs, or `{ key, value }` objects. */
export function eventTags(tags: unknown): { key: string; value: string }[] {
  let pairs: [string, unknown][] = [];
  if (Array.isArray(tags)) {
    pairs = tags.flatMap((tag): [string, unknown][] => {
      if (Array.isArray(tag) && typeof tag[0] === "string") return [[tag[0], tag[1]]];
      if (isObject(tag) && typeof tag.key === "string") return [[tag.key, tag.value]];
      return [];
    });
  } else if (isObject(tags)) {
    pairs = Object.entries(tags);
  }
  return pairs
    .map(([key, value]) => ({ key, value: value === null || value === undefined ? "" : String(value) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export interface TimelineItem {
  id: string;
  /** "created", "status_changed", "assigned", "comment", "alert_triggered", …, or "delivery" for a webhook delivery. */
  kind: string;
  at: string;
  actor: string | null;
  summary: string;
  deliveryId: string | null;
  jobId: string | null;
  /** For deliveries: the delivery's status (received, processed, duplicate, unhandled, failed). */
  status: string | null;
  error: string | null;
  data: unknown;
}

export interface TimelineEntryRow {
  id: string;
  kind: string;
  actor: string | null;
  summary: string;
  data: unknown;
  deliveryId: string | null;
  jobId: string | null;
  occurredAt: Date;
}

export interface TimelineDeliveryRow {
  id: string;
  resource: string;
  action: string | null;
  status: string;
  error: string | null;
  receivedAt: Date;
}

/**
 * The issue's history, oldest first: timeline entries and the webhook deliveries that touched
 * the issue. An entry a delivery caused sits right after that delivery: its own time is
 * Sentry's send time (whole seconds, from Sentry-Hook-Timestamp), which can read earlier than
 * the delivery's arrival, and "reported by Sentry" above "webhook received" reads backwards.
 */
export function mergeTimeline(entries: TimelineEntryRow[], deliveries: TimelineDeliveryRow[]): TimelineItem[] {
  const receivedAt = new Map(deliveries.map((delivery) => [delivery.id, delivery.receivedAt.getTime()]));
  const items: { item: TimelineItem; sortAt: number; order: number }[] = [
    ...deliveries.map((delivery) => ({
      item: {
        id: delivery.id,
        kind: "delivery",
        at: delivery.receivedAt.toISOString(),
        actor: "sentry",
        summary: `Webhook ${delivery.resource}${delivery.action ? `.${delivery.action}` : ""}`,
        deliveryId: delivery.id,
        jobId: null,
        status: delivery.status,
        error: delivery.error,
        data: null,
      },
      sortAt: delivery.receivedAt.getTime(),
      order: 0,
    })),
    ...entries.map((entry) => ({
      item: {
        id: entry.id,
        kind: entry.kind,
        at: entry.occurredAt.toISOString(),
        actor: entry.actor,
        summary: entry.summary,
        deliveryId: entry.deliveryId,
        jobId: entry.jobId,
        status: null,
        error: null,
        data: entry.data ?? null,
      },
      sortAt: (entry.deliveryId ? receivedAt.get(entry.deliveryId) : undefined) ?? entry.occurredAt.getTime(),
      order: 1,
    })),
  ];
  items.sort((a, b) => a.sortAt - b.sortAt || a.order - b.order || a.item.at.localeCompare(b.item.at) || a.item.id.localeCompare(b.item.id));
  return items.map(({ item }) => item);
}

/**
 * Where to open the issue in Sentry: the permalink Sentry sent, else one built from the
 * configured organization (sentry.io uses `<org>.sentry.io`; self-hosted `/organizations/<org>/`).
 */
export function sentryIssueUrl(
  issue: { sentryId: string; permalink: string | null },
  integration: { apiBaseUrl: string; organization?: string },
): string | null {
  if (issue.permalink) return issue.permalink;
  if (!integration.organization) return null;
  const base = new URL(integration.apiBaseUrl);
  if (base.hostname === "sentry.io") return `https://${integration.organization}.sentry.io/issues/${issue.sentryId}/`;
  return `${base.origin}/organizations/${integration.organization}/issues/${issue.sentryId}/`;
}
