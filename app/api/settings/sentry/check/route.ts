import { apiRoute, json } from "@/lib/http";
import { checkSentryConnection } from "@/lib/sentry";

/** Sentry-side failures come back as `{ ok: false, message }` with 200: the check itself worked. */
export const POST = apiRoute({ role: "admin" }, async () => json(await checkSentryConnection()));
