export {
  receiveSentryWebhook,
  receiveSentryWebhookRequest,
  reprocessDelivery,
  signSentryBody,
  verifySentrySignature,
  readMetricAlertChanged,
  MAX_WEBHOOK_BYTES,
  type ReceivedDelivery,
  type DeliveryOutcome,
  type MetricAlertChange,
} from "./webhooks";
export { sentryIssueSchema, sentryEventSchema, issueSnapshotFromJson, type SentryIssueJson, type SentryEventJson } from "./issue-json";
export {
  listDeliveries,
  getDelivery,
  deliveryListQuery,
  DELIVERY_STATUSES,
  DELIVERY_RESOURCES,
  type DeliveryListQuery,
  type DeliveryListItem,
  type DeliveryPage,
  type DeliveryDetail,
} from "./deliveries";
export {
  createSentryClient,
  projectFilter,
  MAX_PAGE_SIZE,
  type SentryClient,
  type SentryClientDeps,
  type SentryApiSettings,
  type SentryConnection,
  type SentryStatusUpdate,
  type SentryIssueSort,
  type ListIssuesParams,
  type IssuePage,
} from "./client";
export {
  SentryApiError,
  SentryNotConfigured,
  SentryUnauthorized,
  SentryForbidden,
  SentryNotFound,
  SentryRateLimited,
  SentryRequestRejected,
  SentryUnavailable,
  SentryInvalidResponse,
  type SentryFailure,
} from "./errors";
export { pollSentry, type PollOptions, type PollSummary, type ProjectPollSummary } from "./poller";
export {
  checkSentryConnection,
  latestWebhookDelivery,
  pollCursors,
  sentrySettingsView,
  SENTRY_WEBHOOK_PATH,
  type ConnectionCheck,
  type LatestDelivery,
  type PollCursorView,
  type SentrySettingsView,
} from "./status";
