/**
 * What rules look at: an issue (with the event that triggered the evaluation, if any), or a
 * metric alert. Built from stored rows or from a pasted Sentry payload (preview).
 */
export interface IssueFacts {
  id: string;
  sentryId: string;
  shortId: string | null;
  title: string;
  culprit: string | null;
  level: string;
  status: string;
  environment: string | null;
  project: string | null;
  platform: string | null;
  metadata: Record<string, unknown> | null;
  count: number;
  userCount: number;
  permalink: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface EventFacts {
  id: string;
  title: string | null;
  message: string | null;
  level: string | null;
  environment: string | null;
  release: string | null;
  platform: string | null;
  tags: Record<string, string>;
}

export interface MetricAlertFacts {
  id: string;
  title: string;
  status: string;
  projects: string[];
}

export type RuleSubject = { kind: "issue"; issue: IssueFacts; event: EventFacts | null } | { kind: "metric_alert"; alert: MetricAlertFacts };

/** The values templates can use: {{issue.*}}, {{event.*}}, {{event.tags.*}}, {{alert.*}}. */
export function templateValues(subject: RuleSubject): Record<string, unknown> {
  if (subject.kind === "metric_alert") return { alert: { ...subject.alert, projects: subject.alert.projects.join(",") } };
  const { issue, event } = subject;
  return {
    issue: {
      ...issue,
      metadata: issue.metadata ?? {},
      type: typeof issue.metadata?.type === "string" ? issue.metadata.type : undefined,
      value: typeof issue.metadata?.value === "string" ? issue.metadata.value : undefined,
    },
    event: event ? { ...event, release: event.release ?? event.tags.release } : { tags: {} },
  };
}

/** Template paths a rule may use, checked when it is saved (tags and metadata keys are free-form). */
export const KNOWN_PLACEHOLDERS = {
  issue: ["id", "sentryId", "shortId", "title", "culprit", "level", "status", "environment", "project", "platform", "count", "userCount", "permalink", "firstSeen", "lastSeen", "type", "value"],
  event: ["id", "title", "message", "level", "environment", "release", "platform"],
  alert: ["id", "title", "status", "projects"],
} as const;

export function isKnownPlaceholder(path: string): boolean {
  const [root, key, ...rest] = path.split(".");
  if (root === "event" && key === "tags") return rest.length > 0;
  if (root === "issue" && key === "metadata") return rest.length > 0;
  const known = KNOWN_PLACEHOLDERS[root as keyof typeof KNOWN_PLACEHOLDERS] as readonly string[] | undefined;
  return Boolean(known && key && rest.length === 0 && known.includes(key));
}
