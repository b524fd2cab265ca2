import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { createMonitor, createMonitorInput, listMonitors } from "@/lib/monitors";

export const GET = apiRoute({ role: "viewer" }, async () => json({ monitors: await listMonitors() }));

/** Create a monitor before its first check-in; the answer holds its check-in token, once. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const input = await parseJsonBody(request, createMonitorInput);
  return json(await createMonitor(input, actorOf(principal, clientIp(request))), 201);
});
