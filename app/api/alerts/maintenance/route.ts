import { createMaintenanceWindow, listMaintenanceWindows } from "@/lib/alerts";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, readJsonBody } from "@/lib/http";

export const GET = apiRoute({ role: "viewer" }, async () => json({ windows: await listMaintenanceWindows() }));

/** Holds matching alerts between `startsAt` and `endsAt` (`{name, match?, startsAt, endsAt}`); operators snooze this way. */
export const POST = apiRoute({ role: "operator" }, async ({ request, principal }) => {
  const window = await createMaintenanceWindow(await readJsonBody(request), actorOf(principal, clientIp(request)));
  return json({ window }, 201);
});
