import { apiRoute, json } from "@/lib/http";
import { getDelivery } from "@/lib/sentry";

/** One delivery with its kept headers (never the signature) and raw body. */
export const GET = apiRoute<{ id: string }>({ role: "admin" }, async ({ params }) => {
  return json({ delivery: await getDelivery(params.id) });
});
