import { apiRoute, json } from "@/lib/http";
import { getOverviewSummary } from "@/lib/metrics";

export const GET = apiRoute({ role: "viewer" }, async () => json(await getOverviewSummary()));
