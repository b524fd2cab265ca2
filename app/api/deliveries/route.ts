import { apiRoute, json, parseInput, searchParams } from "@/lib/http";
import { deliveryListQuery, listDeliveries } from "@/lib/sentry";

/** Sentry webhook deliveries, newest first, filtered by status and resource. */
export const GET = apiRoute({ role: "admin" }, async ({ request }) => {
  const query = parseInput(deliveryListQuery, searchParams(request));
  return json(await listDeliveries(query));
});
