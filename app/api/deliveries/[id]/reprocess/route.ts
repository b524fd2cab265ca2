import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http";
import { reprocessDelivery } from "@/lib/sentry";

/** Applies a failed or unhandled delivery again from its stored raw body (409 for one already applied). */
export const POST = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  const result = await reprocessDelivery(params.id, actorOf(principal, clientIp(request)));
  return json({ deliveryId: params.id, status: result.status, error: result.error ?? null });
});
