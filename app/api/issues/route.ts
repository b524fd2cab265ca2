import { apiRoute, json, parseInput, searchParams } from "@/lib/http";
import { issueListQuery, listIssues } from "@/lib/issues";

/** Issues under filters (status, level, environment, project, q), sorted, one cursor page at a time, with facet counts. */
export const GET = apiRoute({ role: "viewer" }, async ({ request }) => {
  const query = parseInput(issueListQuery, searchParams(request));
  return json(await listIssues(query));
});
