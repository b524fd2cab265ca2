import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { listRules, reorderRules, ruleReorderInput } from "@/lib/rules";

/** Sets the evaluation order: `{ids}`, every rule once, first to last. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const { ids } = await parseJsonBody(request, ruleReorderInput);
  await reorderRules(ids, actorOf(principal, clientIp(request)));
  return json({ rules: await listRules() });
});
