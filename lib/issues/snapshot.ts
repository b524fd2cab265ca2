import type { IssueLevel, IssueStatus } from "@/lib/db";

/** The title of an issue known only by id so far (a comment or event arrived first). */
export const PLACEHOLDER_TITLE = "(issue details not received yet)";

export const ISSUE_LEVELS = ["fatal", "error", "warning", "info", "debug", "sample"] as const satisfies readonly IssueLevel[];
export const ISSUE_STATUSES = ["unresolved", "resolved", "ignored"] as const satisfies readonly IssueStatus[];

/**
 * What one source (a webhook, an event, the poller) tells us about a Sentry issue. Fields a
 * source does not know are left undefined and never overwrite what is stored.
 */
export interface IssueSnapshot {
  sentryId: string;
  shortId?: string | null;
  title?: string;
  culprit?: string | null;
  level?: IssueLevel;
  status?: IssueStatus;
  substatus?: string | null;
  environment?: string | null;
  projectId?: string | null;
  projectSlug?: string | null;
  platform?: string | null;
  metadata?: Record<string, unknown> | null;
  firstSeen?: Date | null;
  lastSeen?: Date | null;
  count?: bigint | null;
  userCount?: number | null;
  assignee?: string | null;
  permalink?: string | null;
}

/** The stored fields a merge decision looks at. */
export interface StoredIssueState {
  title: string;
  shortId: string | null;
  culprit: string | null;
  level: IssueLevel;
  status: IssueStatus;
  substatus: string | null;
  environment: string | null;
  projectId: string | null;
  projectSlug: string | null;
  platform: string | null;
  metadata: unknown;
  firstSeen: Date | null;
  lastSeen: Date | null;
  count: bigint;
  userCount: number;
  assignee: string | null;
  permalink: string | null;
  sentryUpdatedAt: Date | null;
  resolvedAt: Date | null;
}

export type ChangeSource = "webhook" | "poll";

/** What changed about an issue; onIssueChanged receives one per applied change. */
export type IssueChange =
  | { kind: "created"; source: ChangeSource }
  | { kind: "status_changed"; from: IssueStatus; to: IssueStatus; source: ChangeSource }
  | { kind: "assigned"; from: string | null; to: string | null; source: ChangeSource }
  | { kind: "updated"; fields: string[]; source: ChangeSource }
  | { kind: "event_received"; eventId: string; source: ChangeSource }
  | { kind: "alert_triggered"; eventId: string; rule: string | null; source: ChangeSource };
