import { actorOf, clientIp, revokeApiToken } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http";

/** Revokes (the row stays, for the audit trail). */
export const DELETE = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  const token = await revokeApiToken(params.id, actorOf(principal, clientIp(request)));
  return json({ token });
});
