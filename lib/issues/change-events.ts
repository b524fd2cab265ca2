import type { Issue } from "@/lib/db";
import type { OutboxEventInput } from "@/lib/outbox";
import type { IssueChange } from "./snapshot";

/** What an `issue.changed` outbox event carries: the issue as the change left it, and the change. */
export interface IssueChanged {
  issue: Issue;
  change: IssueChange;
}

const DATE_FIELDS = ["firstSeen", "lastSeen", "sentryUpdatedAt", "resolvedAt", "remediatedAt", "createdAt", "updatedAt"] as const;

/** Pure: the outbox event for one applied change. Events of one issue share its stream. */
export function issueChangedEvent(issue: Issue, change: IssueChange): OutboxEventInput {
  return { topic: "issue.changed", streamKey: `issue:${issue.id}`, payload: { issue: { ...issue, count: issue.count.toString() }, change } };
}

/** Pure: reads an `issue.changed` payload back (JSON has no Date or BigInt). */
export function readIssueChanged(payload: unknown): IssueChanged {
  const { issue, change } = payload as { issue: Record<string, unknown>; change: IssueChange };
  const revived: Record<string, unknown> = { ...issue, count: BigInt(String(issue.count ?? 0)) };
  for (const field of DATE_FIELDS) revived[field] = issue[field] == null ? null : new Date(String(issue[field]));
  return { issue: revived as unknown as Issue, change };
}
