import { z } from "zod";
import { apiRoute, json, parseInput, searchParams } from "@/lib/http";
import { DASHBOARD_RANGES, DEFAULT_RANGE, getDashboard, type DashboardRange } from "@/lib/metrics";

const overviewQuery = z.object({
  range: z.enum(Object.keys(DASHBOARD_RANGES) as [DashboardRange, ...DashboardRange[]], { error: "must be 1h, 24h, 7d or 30d" }).default(DEFAULT_RANGE),
});

/** The overview's panels and charts for a range. */
export const GET = apiRoute({ role: "viewer" }, async ({ request }) => {
  const { range } = parseInput(overviewQuery, searchParams(request));
  return json(await getDashboard(range));
});
