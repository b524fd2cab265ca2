import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { importInput, importRules } from "@/lib/rules";

/** Imports an export, all or nothing; `replace: true` swaps out the current rules. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const input = await parseJsonBody(request, importInput);
  return json(await importRules(input, actorOf(principal, clientIp(request))), 201);
});
