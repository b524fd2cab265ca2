import { deleteChannel } from "@/lib/alerts";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http";

/** Removes a channel, its routes' links to it and its delivery log. */
export const DELETE = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  await deleteChannel(params.id, actorOf(principal, clientIp(request)));
  return json({ deleted: true });
});
