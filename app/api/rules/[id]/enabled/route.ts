import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { ruleEnabledInput, setRuleEnabled } from "@/lib/rules";

/** Operators may switch a rule on or off (a revision like any other change). */
export const POST = apiRoute<{ id: string }>({ role: "operator" }, async ({ request, principal, params }) => {
  const { enabled } = await parseJsonBody(request, ruleEnabledInput);
  return json({ rule: await setRuleEnabled(params.id, enabled, actorOf(principal, clientIp(request))) });
});
