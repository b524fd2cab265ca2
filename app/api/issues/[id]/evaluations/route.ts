import { apiRoute, json } from "@/lib/http";
import { getIssueDetail } from "@/lib/issues";
import { issueEvaluations } from "@/lib/rules";

/** Every rule evaluation for an issue ("why did / didn't this fire"), newest first. */
export const GET = apiRoute<{ id: string }>({ role: "viewer" }, async ({ params }) => {
  const { issue } = await getIssueDetail(params.id);
  return json({ evaluations: await issueEvaluations(issue.id) });
});
