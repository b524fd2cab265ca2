import { deleteRoute, updateRoute } from "@/lib/alerts";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, readJsonBody } from "@/lib/http";

/** `{enabled}`: turns the route on or off. */
export const PATCH = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  await updateRoute(params.id, await readJsonBody(request), actorOf(principal, clientIp(request)));
  return json({ updated: true });
});

export const DELETE = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  await deleteRoute(params.id, actorOf(principal, clientIp(request)));
  return json({ deleted: true });
});
