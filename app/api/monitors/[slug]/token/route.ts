import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http";
import { rotateMonitorToken } from "@/lib/monitors";

/** A new check-in token for the monitor, shown once; the old one stops working. */
export const POST = apiRoute<{ slug: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  return json(await rotateMonitorToken(params.slug, actorOf(principal, clientIp(request))), 201);
});
