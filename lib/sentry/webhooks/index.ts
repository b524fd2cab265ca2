export { receiveSentryWebhook, receiveSentryWebhookRequest, reprocessDelivery, MAX_WEBHOOK_BYTES, type ReceivedDelivery, type DeliveryOutcome } from "./receive";
export { signSentryBody, verifySentrySignature } from "./signature";
export { parseWebhook, webhookContentKey, contentHash } from "./payloads";
export { metricAlertChangedEvent, readMetricAlertChanged } from "./metric-alert-events";
export type { MetricAlertChange } from "./apply";
