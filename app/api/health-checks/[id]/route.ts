import { actorOf, clientIp } from "@/lib/auth";
import { deleteHealthCheck, getHealthCheckDetail, updateHealthCheck } from "@/lib/health";
import { apiRoute, json, readJsonBody } from "@/lib/http";

/** A check with its latency over 24 h, latest samples and incidents; target redacted. */
export const GET = apiRoute<{ id: string }>({ role: "viewer" }, async ({ params }) => json(await getHealthCheckDetail(params.id)));

/** Replaces a check's settings (the same body as POST); a `***` sent back keeps the stored secret. */
export const PUT = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  const check = await updateHealthCheck(params.id, await readJsonBody(request), actorOf(principal, clientIp(request)));
  return json({ check });
});

/** Deletes a check with its samples and incidents. */
export const DELETE = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  await deleteHealthCheck(params.id, actorOf(principal, clientIp(request)));
  return json({ deleted: true });
});
