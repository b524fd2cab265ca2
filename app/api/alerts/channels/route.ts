import { createChannel, listChannels } from "@/lib/alerts";
import { actorOf, clientIp } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { apiRoute, json, readJsonBody } from "@/lib/http";

/** Channels with where their secret comes from (never the secret). */
export const GET = apiRoute({ role: "operator" }, async () => json({ channels: await listChannels() }));

/** Adds a channel: `{name, kind, settings?, secret? | secretEnvVar?, enabled?}` → 201; the secret is sealed with APP_SECRET. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const channel = await createChannel(await readJsonBody(request), actorOf(principal, clientIp(request)), getConfig());
  return json({ channel }, 201);
});
