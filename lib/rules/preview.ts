import { getDb } from "@/lib/db";
import { ValidationFailed } from "@/lib/errors";
import { issueSnapshotFromJson, sentryEventSchema, sentryIssueSchema } from "@/lib/sentry";
import { compileConditions, evaluateConditions } from "./conditions";
import type { ExplainedCondition } from "./evaluate";
import type { RuleDraft } from "./model";
import { renderArgs } from "./placeholders";
import { issueSubject } from "./engine";
import type { EventFacts, IssueFacts, RuleSubject } from "./subject";

export const PREVIEW_ISSUES = 500;

export interface PreviewMatch {
  issue: { id: string; shortId: string | null; title: string; culprit: string | null; level: string; environment: string | null };
  matched: boolean;
  conditions: ExplainedCondition[];
  /** The args the job would get, or why they cannot be filled. */
  args: unknown;
  argsError: string | null;
}

export interface RulePreview {
  evaluated: number;
  matched: number;
  /** Matching issues first, then the others, at most 100 of each. */
  results: PreviewMatch[];
}

function previewOne(draft: RuleDraft, subject: Extract<RuleSubject, { kind: "issue" }>): PreviewMatch {
  const result = evaluateConditions(compileConditions(draft.conditions), subject);
  let args: unknown = null;
  let argsError: string | null = null;
  if (result.matched) {
    try {
      args = renderArgs(draft.action.args, subject);
    } catch (error) {
      argsError = error instanceof Error ? error.message : String(error);
    }
  }
  const { issue } = subject;
  return {
    issue: { id: issue.id, shortId: issue.shortId, title: issue.title, culprit: issue.culprit, level: issue.level, environment: issue.environment },
    matched: result.matched,
    conditions: result.outcomes,
    args,
    argsError,
  };
}

/**
 * "Matches N of the last 500 issues": a draft rule's conditions against the most recently
 * seen issues (with their latest event), nothing written. Safety limits are not applied here:
 * they depend on the moment a job would be submitted.
 */
export async function previewRule(draft: RuleDraft): Promise<RulePreview> {
  const db = await getDb();
  const issues = await db.issue.findMany({ orderBy: [{ lastSeen: { sort: "desc", nulls: "last" } }, { id: "desc" }], take: PREVIEW_ISSUES });
  const results: PreviewMatch[] = [];
  for (const issue of issues) results.push(previewOne(draft, (await issueSubject(issue)) as Extract<RuleSubject, { kind: "issue" }>));
  const matched = results.filter((result) => result.matched);
  return { evaluated: results.length, matched: matched.length, results: [...matched.slice(0, 100), ...results.filter((result) => !result.matched).slice(0, 100)] };
}

/**
 * A draft rule against a pasted Sentry webhook payload (issue, event_alert or error): the
 * subject is built the way the intake would build it, nothing is stored.
 */
export function previewPayload(draft: RuleDraft, payload: unknown): PreviewMatch {
  const data = (payload as { data?: Record<string, unknown> } | null)?.data ?? (payload as Record<string, unknown> | null);
  if (!data || typeof data !== "object") throw new ValidationFailed("payload must be a Sentry webhook body ({ action, data: { issue | event | error } })", "payload");
  const rawIssue = (data as { issue?: unknown }).issue;
  const rawEvent = (data as { event?: unknown; error?: unknown }).event ?? (data as { error?: unknown }).error;
  let issue: IssueFacts;
  let event: EventFacts | null = null;
  if (rawEvent) {
    const parsed = sentryEventSchema.safeParse(rawEvent);
    if (!parsed.success) throw new ValidationFailed(`payload.data.event ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`, "payload");
    const tags = Array.isArray(parsed.data.tags)
      ? Object.fromEntries(parsed.data.tags.map((tag) => (Array.isArray(tag) ? [tag[0], String(tag[1] ?? "")] : [tag.key, String(tag.value ?? "")])))
      : Object.fromEntries(Object.entries(parsed.data.tags ?? {}).map(([key, value]) => [key, String(value ?? "")]));
    event = { id: parsed.data.event_id, title: parsed.data.title ?? null, message: parsed.data.message ?? null, level: parsed.data.level ?? null, environment: parsed.data.environment ?? tags.environment ?? null, release: parsed.data.release ?? null, platform: parsed.data.platform ?? null, tags };
    issue = {
      id: "pasted",
      sentryId: parsed.data.issue_id,
      shortId: null,
      title: parsed.data.title ?? "(untitled)",
      culprit: parsed.data.culprit ?? null,
      level: parsed.data.level ?? "error",
      status: "unresolved",
      environment: event.environment,
      project: null,
      platform: parsed.data.platform ?? null,
      metadata: parsed.data.metadata ?? null,
      count: 1,
      userCount: 0,
      permalink: null,
      firstSeen: null,
      lastSeen: null,
    };
  } else if (rawIssue) {
    const parsed = sentryIssueSchema.safeParse(rawIssue);
    if (!parsed.success) throw new ValidationFailed(`payload.data.issue ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`, "payload");
    const snapshot = issueSnapshotFromJson(parsed.data);
    issue = {
      id: "pasted",
      sentryId: snapshot.sentryId,
      shortId: snapshot.shortId ?? null,
      title: snapshot.title ?? "(untitled)",
      culprit: snapshot.culprit ?? null,
      level: snapshot.level ?? "error",
      status: snapshot.status ?? "unresolved",
      environment: snapshot.environment ?? null,
      project: snapshot.projectSlug ?? null,
      platform: snapshot.platform ?? null,
      metadata: snapshot.metadata ?? null,
      count: Number(snapshot.count ?? 0),
      userCount: snapshot.userCount ?? 0,
      permalink: snapshot.permalink ?? null,
      firstSeen: snapshot.firstSeen?.toISOString() ?? null,
      lastSeen: snapshot.lastSeen?.toISOString() ?? null,
    };
  } else {
    throw new ValidationFailed("payload has no data.issue, data.event or data.error to test the rule against", "payload");
  }
  return previewOne(draft, { kind: "issue", issue, event });
}
