import { apiRoute, json, parseInput, searchParams } from "@/lib/http";
import { jobLogsQuery, listJobLogs } from "@/lib/jobs";

/** Log lines after `after` (a line id), for tailing a running job. */
export const GET = apiRoute<{ id: string }>({ role: "viewer" }, async ({ request, params }) => json(await listJobLogs(params.id, parseInput(jobLogsQuery, searchParams(request)))));
