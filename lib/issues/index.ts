export { ISSUE_LEVELS, ISSUE_STATUSES, type IssueSnapshot, type IssueChange, type ChangeSource, type StoredIssueState } from "./snapshot";
export { planIssueWrite } from "./merge";
export { applyIssueSnapshot, recordIssueEvent, addTimelineEntry, findIssueBySentryId, type AppliedIssue, type EventSnapshot } from "./store";
export { onIssueChanged, subscribeToIssueChanges, type IssueChangeListener } from "./hooks";
