import { newId, type Issue, type SqlTx } from "@/lib/db";
import { addTimelineEntry, applyIssueSnapshot, issueChangedEvent, recordIssueEvent, type IssueChange, type IssueSnapshot } from "@/lib/issues";
import { emitOutboxEvents } from "@/lib/outbox";
import { eventOccurredAt, eventSnapshotFromJson, issueSnapshotFromEvent, issueSnapshotFromJson } from "../issue-json";
import { metricAlertChangedEvent } from "./metric-alert-events";
import type { ParsedWebhook } from "./payloads";

export interface AppliedWebhook {
  status: "processed" | "unhandled";
  issueId?: string;
  /** The issue changes it applied; each is also an outbox event written in the same transaction. */
  changes: { issue: Issue; change: IssueChange }[];
  /** A metric alert that became (or stays) the newest state of its incident; an outbox event too. */
  metricAlert?: MetricAlertChange;
  /** How many outbox events it wrote: the caller announces them after the commit. */
  eventsEmitted?: number;
}

/** A metric alert incident's new status, as the rules engine sees it. */
export interface MetricAlertChange {
  incidentId: string;
  sentryIncidentId: string;
  title: string;
  status: string;
  projects: string[];
}

interface ApplyContext {
  deliveryId: string;
  /** When Sentry sent it (Sentry-Hook-Timestamp), else when we received it. */
  observedAt: Date;
}

const ACTION_STATUS: Record<string, IssueSnapshot["status"]> = {
  resolved: "resolved",
  ignored: "ignored",
  archived: "ignored",
  unresolved: "unresolved",
};

/**
 * Applies one verified, parsed delivery inside the caller's transaction, with the outbox events
 * of what it changed: the rules, alerts and the remediation loop react to those later, off the
 * request path, and exactly when this transaction commits.
 */
export async function applyWebhook(tx: SqlTx, webhook: ParsedWebhook, context: ApplyContext): Promise<AppliedWebhook> {
  const applied = await applyResource(tx, webhook, context);
  const events = applied.changes.map(({ issue, change }) => issueChangedEvent(issue, change));
  if (applied.metricAlert) events.push(metricAlertChangedEvent(applied.metricAlert));
  return { ...applied, eventsEmitted: emitOutboxEvents(tx, events) };
}

async function applyResource(tx: SqlTx, webhook: ParsedWebhook, context: ApplyContext): Promise<AppliedWebhook> {
  switch (webhook.resource) {
    case "issue":
      return applyIssueWebhook(tx, webhook.payload, context);
    case "event_alert": {
      const { event, triggered_rule, issue_alert } = webhook.payload.data;
      return applyEvent(tx, event, "event_alert", triggered_rule ?? issue_alert?.title ?? null, context);
    }
    case "error":
      return applyEvent(tx, webhook.payload.data.error, "error", null, context);
    case "metric_alert":
      return applyMetricAlert(tx, webhook.payload, context);
    case "comment":
      return applyComment(tx, webhook.payload, context);
    case "installation":
      return applyInstallation(tx, webhook.payload, context);
    default:
      return { status: "unhandled", changes: [] };
  }
}

async function applyIssueWebhook(
  tx: SqlTx,
  payload: Extract<ParsedWebhook, { resource: "issue" }>["payload"],
  context: ApplyContext,
): Promise<AppliedWebhook> {
  const snapshot = issueSnapshotFromJson(payload.data.issue);
  const statusFromAction = ACTION_STATUS[payload.action];
  if (statusFromAction) snapshot.status = statusFromAction;
  if (payload.action !== "assigned" && payload.action !== "created") delete snapshot.assignee;
  const { issue, changes } = await applyIssueSnapshot(tx, snapshot, { observedAt: context.observedAt, source: "webhook", deliveryId: context.deliveryId });
  return { status: "processed", issueId: issue.id, changes: changes.map((change) => ({ issue, change })) };
}

async function applyEvent(
  tx: SqlTx,
  event: Extract<ParsedWebhook, { resource: "error" }>["payload"]["data"]["error"],
  source: "event_alert" | "error",
  triggeredRule: string | null,
  context: ApplyContext,
): Promise<AppliedWebhook> {
  const occurredAt = eventOccurredAt(event, context.observedAt);
  const { issue, changes } = await applyIssueSnapshot(tx, issueSnapshotFromEvent(event, occurredAt), {
    observedAt: context.observedAt,
    source: "webhook",
    deliveryId: context.deliveryId,
  });
  const isNewEvent = await recordIssueEvent(tx, issue.id, eventSnapshotFromJson(event, occurredAt, triggeredRule), source);
  const all = changes.map((change) => ({ issue, change }));
  if (isNewEvent) {
    if (source === "event_alert") {
      addTimelineEntry(tx, {
        issueId: issue.id,
        kind: "alert",
        summary: `Alert rule “${triggeredRule ?? "unnamed"}” triggered`,
        actor: "sentry",
        data: { eventId: event.event_id, rule: triggeredRule },
        deliveryId: context.deliveryId,
        occurredAt,
      });
      all.push({ issue, change: { kind: "alert_triggered", eventId: event.event_id, rule: triggeredRule, source: "webhook" } });
    } else {
      all.push({ issue, change: { kind: "event_received", eventId: event.event_id, source: "webhook" } });
    }
  }
  return { status: "processed", issueId: issue.id, changes: all };
}

async function applyMetricAlert(
  tx: SqlTx,
  payload: Extract<ParsedWebhook, { resource: "metric_alert" }>["payload"],
  context: ApplyContext,
): Promise<AppliedWebhook> {
  const alert = payload.data.metric_alert;
  const status = payload.action;
  const projects = (alert.projects ?? alert.alert_rule?.projects ?? []).map((project) => (typeof project === "string" ? project : (project.slug ?? ""))).filter(Boolean);
  const title = payload.data.description_title ?? alert.title ?? alert.alert_rule?.name ?? `Metric alert ${alert.id}`;
  const [existing] = await tx.query<{ id: string; latest: Date | null }>(
    `SELECT i."id", (SELECT max(c."occurredAt") FROM "MetricAlertStatusChange" c WHERE c."incidentId" = i."id") AS "latest"
     FROM "MetricAlertIncident" i WHERE i."sentryIncidentId" = $1 FOR UPDATE`,
    [alert.id],
  );
  // An older status arriving late is kept in the history but does not become the current one.
  const isNewest = !existing?.latest || context.observedAt >= new Date(existing.latest);
  const resolvedAt = status === "resolved" ? context.observedAt : null;
  let incidentId = existing?.id;
  if (!incidentId) {
    incidentId = newId();
    await tx.execute(
      `INSERT INTO "MetricAlertIncident" ("id", "sentryIncidentId", "alertRuleName", "title", "status", "projects", "data", "startedAt", "resolvedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, now())`,
      [incidentId, alert.id, alert.alert_rule?.name ?? null, title, status, projects, JSON.stringify(payload.data), alert.date_started ? new Date(alert.date_started) : context.observedAt, resolvedAt],
    );
  } else if (isNewest) {
    await tx.execute(
      `UPDATE "MetricAlertIncident" SET "alertRuleName" = $2, "title" = $3, "status" = $4, "projects" = $5, "data" = $6::jsonb, "resolvedAt" = $7, "updatedAt" = now()
       WHERE "id" = $1`,
      [incidentId, alert.alert_rule?.name ?? null, title, status, projects, JSON.stringify(payload.data), resolvedAt],
    );
  }
  await tx.execute(`INSERT INTO "MetricAlertStatusChange" ("id", "incidentId", "status", "deliveryId", "occurredAt") VALUES ($1, $2, $3, $4, $5)`, [
    newId(),
    incidentId,
    status,
    context.deliveryId,
    context.observedAt,
  ]);
  return { status: "processed", changes: [], ...(isNewest ? { metricAlert: { incidentId, sentryIncidentId: alert.id, title, status, projects } } : {}) };
}

async function applyComment(
  tx: SqlTx,
  payload: Extract<ParsedWebhook, { resource: "comment" }>["payload"],
  context: ApplyContext,
): Promise<AppliedWebhook> {
  const { data, action, actor } = payload;
  // The issue may not be known yet (comments can arrive first): a placeholder keeps the
  // comment, and the next issue delivery or poll fills in the details.
  const { issue } = await applyIssueSnapshot(tx, { sentryId: data.issue_id, projectSlug: data.project_slug ?? undefined }, {
    observedAt: context.observedAt,
    source: "webhook",
    deliveryId: context.deliveryId,
  });
  const who = actor?.name ?? "someone";
  const verb = action === "created" ? "commented" : action === "updated" ? "edited a comment" : action === "deleted" ? "deleted a comment" : `comment ${action}`;
  addTimelineEntry(tx, {
    issueId: issue.id,
    kind: `comment_${action}`,
    summary: `${who} ${verb}`,
    actor: who,
    data: { commentId: data.comment_id, text: action === "deleted" ? null : (data.comment ?? null) },
    deliveryId: context.deliveryId,
    occurredAt: data.timestamp ? new Date(data.timestamp) : context.observedAt,
  });
  return { status: "processed", issueId: issue.id, changes: [] };
}

async function applyInstallation(
  tx: SqlTx,
  payload: Extract<ParsedWebhook, { resource: "installation" }>["payload"],
  context: ApplyContext,
): Promise<AppliedWebhook> {
  const installation = payload.data.installation;
  const organizationSlug = installation.organization?.slug ?? null;
  const appSlug = installation.app?.slug ?? null;
  if (payload.action === "deleted") {
    await tx.execute(
      `INSERT INTO "SentryInstallation" ("id", "uuid", "organizationSlug", "appSlug", "status", "deletedAt") VALUES ($1, $2, $3, $4, 'deleted', $5)
       ON CONFLICT ("uuid") DO UPDATE SET "status" = 'deleted', "deletedAt" = EXCLUDED."deletedAt"`,
      [newId(), installation.uuid, organizationSlug, appSlug, context.observedAt],
    );
    return { status: "processed", changes: [] };
  }
  if (payload.action !== "created") return { status: "unhandled", changes: [] };
  // The payload's `code` is a one-time OAuth grant: it is not stored.
  const { code: _code, ...withoutGrant } = installation as typeof installation & { code?: unknown };
  await tx.execute(
    `INSERT INTO "SentryInstallation" ("id", "uuid", "organizationSlug", "appSlug", "status", "data", "installedAt") VALUES ($1, $2, $3, $4, 'active', $5::jsonb, $6)
     ON CONFLICT ("uuid") DO UPDATE SET "organizationSlug" = EXCLUDED."organizationSlug", "appSlug" = EXCLUDED."appSlug", "status" = 'active', "deletedAt" = NULL`,
    [newId(), installation.uuid, organizationSlug, appSlug, JSON.stringify(withoutGrant), context.observedAt],
  );
  return { status: "processed", changes: [] };
}
