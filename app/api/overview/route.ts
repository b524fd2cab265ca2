import { apiRoute, json, parseInput, searchParams } from "@/lib/http";
import { getDashboard, overviewQuery } from "@/lib/metrics";

/** The overview's panels and charts for a range. */
export const GET = apiRoute({ role: "viewer" }, async ({ request }) => {
  const { range } = parseInput(overviewQuery, searchParams(request));
  return json(await getDashboard(range));
});
