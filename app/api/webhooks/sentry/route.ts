import { errorResponse, json } from "@/lib/http";
import { receiveSentryWebhookRequest } from "@/lib/sentry";

export const runtime = "nodejs";

const STATUS = { processed: 200, duplicate: 200, unhandled: 202, failed: 202 } as const;

/**
 * Sentry integration webhooks, authenticated by Sentry-Hook-Signature rather than a session.
 * 2xx only once the delivery is stored: 200 applied (or a duplicate of one already applied),
 * 202 stored but unhandled or failed (admins can reprocess it).
 */
export async function POST(request: Request) {
  try {
    const delivery = await receiveSentryWebhookRequest(request);
    return json({ deliveryId: delivery.deliveryId, outcome: delivery.outcome, ...(delivery.error ? { error: delivery.error } : {}) }, STATUS[delivery.outcome]);
  } catch (error) {
    return errorResponse(error);
  }
}
