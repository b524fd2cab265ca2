/**
 * Sentry's REST API serialises events differently from its webhooks (EventSerializer vs the
 * webhook's raw event): `eventID`/`groupID`/`projectID`/`dateCreated` instead of
 * `event_id`/`issue_id`/`project`/`datetime`, `level` and `environment` only as tags,
 * `release` as an object, and the exception inside `entries`. This maps the REST shape onto
 * the webhook shape so `sentryEventSchema` validates both and the rest of the app sees one.
 */
export function webhookShapedEvent(rest: unknown, issueId: string): unknown {
  if (!rest || typeof rest !== "object" || Array.isArray(rest)) return rest;
  const event = rest as Record<string, unknown>;
  const tags = Array.isArray(event.tags) ? (event.tags as unknown[]) : [];
  const tag = (key: string): string | undefined => {
    for (const entry of tags) {
      if (entry && typeof entry === "object" && (entry as { key?: unknown }).key === key) {
        const value = (entry as { value?: unknown }).value;
        return value === null || value === undefined ? undefined : String(value);
      }
    }
    return undefined;
  };
  const release = event.release;
  const entries = Array.isArray(event.entries) ? (event.entries as { type?: unknown; data?: unknown }[]) : [];
  return {
    ...event,
    event_id: event.event_id ?? event.eventID ?? event.id,
    issue_id: event.issue_id ?? event.groupID ?? issueId,
    datetime: event.datetime ?? event.dateCreated,
    level: typeof event.level === "string" ? event.level : tag("level"),
    environment: typeof event.environment === "string" ? event.environment : tag("environment"),
    release:
      typeof release === "string" || release === null || release === undefined
        ? (release ?? tag("release"))
        : ((release as { version?: unknown }).version ?? tag("release")),
    project: event.project ?? event.projectID,
    exception: event.exception ?? entries.find((entry) => entry?.type === "exception")?.data,
  };
}
