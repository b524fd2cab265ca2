import { apiRoute, json } from "@/lib/http";
import { getIssueDetail } from "@/lib/issues";

/** One issue by this app's id or Sentry's numeric issue id. */
export const GET = apiRoute<{ id: string }>({ role: "viewer" }, async ({ params }) => {
  return json(await getIssueDetail(params.id));
});
