export { raiseAlertEvent, announce, type AlertEventInput } from "./events";
export { ALERT_EVENT_TYPES, ALERT_SEVERITIES, DEFAULT_ROUTES, alertMatchSchema, alertMatches, alertFacts, type AlertEventType, type AlertSeverity, type AlertMatch, type AlertFacts, type DefaultRoute } from "./match";
export { decideDelivery, reAlertDue, windowActive, type GroupHistory, type ThrottlePolicy, type DeliveryDecision } from "./throttle";
export { sealSecret, openSecret, SecretBoxError } from "./secret-box";
export { alertLinks, slackPayload, pagerDutyPayload, webhookBody, webhookSignatureHeaders, emailMessage, githubCommentBody, type AlertMessage, type AlertLink } from "./format";
export { CHANNEL_KINDS, channelInput, createChannel, listChannels, deleteChannel, channelView, type ChannelKind, type ChannelInput, type ChannelView } from "./channels";
export { routeInput, createRoute, type RouteInput } from "./routes";
export { dispatchAlerts, deliveryRetryAt, MAX_DELIVERY_ATTEMPTS, type DispatchDeps, type DispatchResult } from "./dispatch";
