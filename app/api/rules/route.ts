import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, readJsonBody } from "@/lib/http";
import { createRule, listRules } from "@/lib/rules";

/** Active rules in evaluation order, with hits in the last 24 h. */
export const GET = apiRoute({ role: "viewer" }, async () => json({ rules: await listRules() }));

/** Creates a rule (validated: shape, regexes, script, tier, placeholders, args); 201. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const rule = await createRule(await readJsonBody(request), actorOf(principal, clientIp(request)));
  return json({ rule }, 201);
});
