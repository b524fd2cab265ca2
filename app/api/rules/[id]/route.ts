import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { deleteRule, getRuleDetail, ruleUpdateInput, updateRule } from "@/lib/rules";

/** A rule with its revisions (and readable diffs) and its latest evaluations. */
export const GET = apiRoute<{ id: string }>({ role: "viewer" }, async ({ params }) => json(await getRuleDetail(params.id)));

/** Saves a new revision: `{rule, expectedRevision?, note?}`; 409 when someone saved in between. */
export const PUT = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  const input = await parseJsonBody(request, ruleUpdateInput);
  const rule = await updateRule(params.id, input.rule, actorOf(principal, clientIp(request)), { expectedRevision: input.expectedRevision, note: input.note });
  return json({ rule });
});

export const DELETE = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  await deleteRule(params.id, actorOf(principal, clientIp(request)));
  return json({ deleted: true });
});
