import { json, publicRoute } from "@/lib/http";
import { acceptCheckInRequest } from "@/lib/monitors";

export const runtime = "nodejs";

/**
 * Sentry's cron check-in API on this app: `?status=…&check_in_id=…&environment=…&duration=…`
 * or a JSON check-in (with `monitor_config` to create or update the monitor). Authenticated
 * by the monitor's token or an operator API token as `Authorization: Bearer <token>`
 * (or a signed-in operator's session).
 */
const checkIn = publicRoute<{ slug: string }>(async ({ request, params }) =>
  json(await acceptCheckInRequest(request, params.slug), 202),
);

export const GET = checkIn;
export const POST = checkIn;
