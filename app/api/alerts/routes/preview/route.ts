import { previewRouteMatch } from "@/lib/alerts";
import { apiRoute, json, readJsonBody } from "@/lib/http";

/** `{match}` → which of the last 200 alert events it would have taken (the route form's preview). */
export const POST = apiRoute({ role: "viewer" }, async ({ request }) => json(await previewRouteMatch(await readJsonBody(request))));
