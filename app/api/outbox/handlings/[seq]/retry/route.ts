import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http";
import { retryDeadHandling } from "@/lib/outbox";

/** Gives a dead outbox handling another round of attempts (404 unknown, 409 not dead). */
export const POST = apiRoute<{ seq: string }>({ role: "operator" }, async ({ request, principal, params }) => {
  await retryDeadHandling(params.seq, actorOf(principal, clientIp(request)));
  return json({ seq: params.seq, status: "pending" });
});
