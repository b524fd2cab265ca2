import { actorOf, clientIp } from "@/lib/auth";
import { createHealthCheck, listHealthChecks } from "@/lib/health";
import { apiRoute, json, readJsonBody } from "@/lib/http";

/** Every health check with its state, last sample and 24 h uptime; targets redacted. */
export const GET = apiRoute({ role: "viewer" }, async () => json({ checks: await listHealthChecks() }));

/** Creates a check (`{name, kind, target, intervalSeconds?, timeoutMs?, enabled?}`); 201, probed at the next tick. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const check = await createHealthCheck(await readJsonBody(request), actorOf(principal, clientIp(request)));
  return json({ check }, 201);
});
