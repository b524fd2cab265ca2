import { apiRoute, json, parseInput, searchParams } from "@/lib/http";
import { getLoopMetrics, overviewQuery } from "@/lib/metrics";

/** Per script and per rule: how often remediation fixed the issue, and how fast. */
export const GET = apiRoute({ role: "viewer" }, async ({ request }) => {
  const { range } = parseInput(overviewQuery, searchParams(request));
  return json(await getLoopMetrics(range));
});
