import { z } from "zod";
import { listDeliveries } from "@/lib/alerts";
import { apiRoute, json, parseInput, searchParams } from "@/lib/http";

const deliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** The delivery log, newest first: sent, pending, suppressed (with why) and failed. */
export const GET = apiRoute({ role: "viewer" }, async ({ request }) => {
  const { limit } = parseInput(deliveriesQuery, searchParams(request));
  return json({ deliveries: await listDeliveries(limit) });
});
