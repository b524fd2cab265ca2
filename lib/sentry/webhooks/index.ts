export { receiveSentryWebhook, receiveSentryWebhookRequest, reprocessDelivery, MAX_WEBHOOK_BYTES, type ReceivedDelivery, type DeliveryOutcome } from "./receive";
export { signSentryBody, verifySentrySignature } from "./signature";
export { parseWebhook, webhookContentKey, contentHash } from "./payloads";
export { subscribeToMetricAlerts, onMetricAlertChanged, type MetricAlertListener } from "./metric-alert-hooks";
export type { MetricAlertChange } from "./apply";
