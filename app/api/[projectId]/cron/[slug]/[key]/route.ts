import { json, publicRoute } from "@/lib/http";
import { acceptCheckInRequest } from "@/lib/monitors";

export const runtime = "nodejs";

/**
 * Sentry's cron ingest URL form, `/api/<project_id>/cron/<slug>/<key>/`, so the curl lines in
 * Sentry's crons docs work here by changing the host: the key is the monitor's token or an
 * operator API token; the project id is accepted and not used (one app, one project).
 */
const checkIn = publicRoute<{ projectId: string; slug: string; key: string }>(async ({ request, params }) =>
  json(await acceptCheckInRequest(request, params.slug, params.key), 202),
);

export const GET = checkIn;
export const POST = checkIn;
