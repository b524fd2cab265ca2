export { PLACEHOLDER_TITLE, ISSUE_LEVELS, ISSUE_STATUSES, type IssueSnapshot, type IssueChange, type ChangeSource, type StoredIssueState } from "./snapshot";
export { planIssueWrite } from "./merge";
export { applyIssueSnapshot, recordIssueEvent, addTimelineEntry, type AppliedIssue, type EventSnapshot } from "./store";
export { issueChangedEvent, readIssueChanged, type IssueChanged } from "./change-events";
export { issueListQuery, ISSUE_SORTS, ISSUE_PAGE_SIZE_MAX, type IssueListQuery, type IssueListFilter, type IssueSort, type SortOrder } from "./list-query";
export { topInAppFrames, exceptionHeadline, eventTags, mergeTimeline, type StackFrameView, type TimelineItem } from "./detail-view";
export {
  listIssues,
  getIssueDetail,
  hasAnyIssue,
  RECENT_EVENTS_LIMIT,
  type IssueListItem,
  type IssueListPage,
  type IssueFacets,
  type IssueView,
  type IssueDetail,
  type IssueEventSummary,
  type LatestEventView,
  type IssueRemediation,
  RECENT_JOBS_LIMIT,
} from "./queries";
