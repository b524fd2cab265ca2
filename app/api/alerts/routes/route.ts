import { createRoute, listRoutes } from "@/lib/alerts";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, readJsonBody } from "@/lib/http";

export const GET = apiRoute({ role: "viewer" }, async () => json({ routes: await listRoutes() }));

/** Adds a route: `{name, match?, channelIds, throttleSeconds?, reAlertSeconds?, enabled?}` → 201. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const route = await createRoute(await readJsonBody(request), actorOf(principal, clientIp(request)));
  return json({ route }, 201);
});
