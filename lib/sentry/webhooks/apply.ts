import type { DbOrTx, Issue, Prisma } from "@/lib/db";
import { addTimelineEntry, applyIssueSnapshot, recordIssueEvent, type IssueChange, type IssueSnapshot } from "@/lib/issues";
import { eventOccurredAt, eventSnapshotFromJson, issueSnapshotFromEvent, issueSnapshotFromJson } from "../issue-json";
import type { ParsedWebhook } from "./payloads";

export interface AppliedWebhook {
  status: "processed" | "unhandled";
  issueId?: string;
  /** Issue changes to announce (onIssueChanged) once the transaction has committed. */
  changes: { issue: Issue; change: IssueChange }[];
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

/** Applies one verified, parsed delivery inside the caller's transaction. */
export async function applyWebhook(tx: DbOrTx, webhook: ParsedWebhook, context: ApplyContext): Promise<AppliedWebhook> {
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
  tx: DbOrTx,
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
  tx: DbOrTx,
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
      await addTimelineEntry(tx, {
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
  tx: DbOrTx,
  payload: Extract<ParsedWebhook, { resource: "metric_alert" }>["payload"],
  context: ApplyContext,
): Promise<AppliedWebhook> {
  const alert = payload.data.metric_alert;
  const status = payload.action;
  const projects = (alert.projects ?? alert.alert_rule?.projects ?? []).map((project) => (typeof project === "string" ? project : (project.slug ?? ""))).filter(Boolean);
  const title = payload.data.description_title ?? alert.title ?? alert.alert_rule?.name ?? `Metric alert ${alert.id}`;
  const existing = await tx.metricAlertIncident.findUnique({ where: { sentryIncidentId: alert.id }, include: { statusChanges: { orderBy: { occurredAt: "desc" }, take: 1 } } });
  const latestKnown = existing?.statusChanges[0]?.occurredAt;
  // An older status arriving late is kept in the history but does not become the current one.
  const isNewest = !latestKnown || context.observedAt >= latestKnown;
  const data = { alertRuleName: alert.alert_rule?.name ?? null, title, projects, data: payload.data as Prisma.InputJsonValue };
  const incident = existing
    ? await tx.metricAlertIncident.update({
        where: { id: existing.id },
        data: isNewest ? { ...data, status, resolvedAt: status === "resolved" ? context.observedAt : null } : {},
      })
    : await tx.metricAlertIncident.create({
        data: {
          ...data,
          sentryIncidentId: alert.id,
          status,
          startedAt: alert.date_started ? new Date(alert.date_started) : context.observedAt,
          resolvedAt: status === "resolved" ? context.observedAt : null,
        },
      });
  await tx.metricAlertStatusChange.create({ data: { incidentId: incident.id, status, deliveryId: context.deliveryId, occurredAt: context.observedAt } });
  return { status: "processed", changes: [] };
}

async function applyComment(
  tx: DbOrTx,
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
  await addTimelineEntry(tx, {
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
  tx: DbOrTx,
  payload: Extract<ParsedWebhook, { resource: "installation" }>["payload"],
  context: ApplyContext,
): Promise<AppliedWebhook> {
  const installation = payload.data.installation;
  if (payload.action === "deleted") {
    await tx.sentryInstallation.upsert({
      where: { uuid: installation.uuid },
      create: { uuid: installation.uuid, organizationSlug: installation.organization?.slug ?? null, appSlug: installation.app?.slug ?? null, status: "deleted", deletedAt: context.observedAt },
      update: { status: "deleted", deletedAt: context.observedAt },
    });
    return { status: "processed", changes: [] };
  }
  if (payload.action !== "created") return { status: "unhandled", changes: [] };
  // The payload's `code` is a one-time OAuth grant: it is not stored.
  const { code: _code, ...withoutGrant } = installation as typeof installation & { code?: unknown };
  await tx.sentryInstallation.upsert({
    where: { uuid: installation.uuid },
    create: {
      uuid: installation.uuid,
      organizationSlug: installation.organization?.slug ?? null,
      appSlug: installation.app?.slug ?? null,
      status: "active",
      data: withoutGrant as Prisma.InputJsonValue,
      installedAt: context.observedAt,
    },
    update: { organizationSlug: installation.organization?.slug ?? null, appSlug: installation.app?.slug ?? null, status: "active", deletedAt: null },
  });
  return { status: "processed", changes: [] };
}
