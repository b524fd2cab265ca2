import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { rollbackRule, ruleRollbackInput } from "@/lib/rules";

/** Restores an earlier revision's content as a new revision. */
export const POST = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  const { revision } = await parseJsonBody(request, ruleRollbackInput);
  return json({ rule: await rollbackRule(params.id, revision, actorOf(principal, clientIp(request))) });
});
