import { actorOf, clientIp } from "@/lib/auth";
import { runHealthCheckNow } from "@/lib/health";
import { apiRoute, json } from "@/lib/http";

export const runtime = "nodejs";

/** Probes the check now, stores the sample (it may open or resolve an incident) and returns it. */
export const POST = apiRoute<{ id: string }>({ role: "operator" }, async ({ request, principal, params }) => {
  return json(await runHealthCheckNow(params.id, actorOf(principal, clientIp(request))));
});
