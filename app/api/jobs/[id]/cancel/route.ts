import { getConfig } from "@/lib/config";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http";
import { cancelJob, jobView } from "@/lib/jobs";

/** Queued or awaiting approval: cancelled now. Running: its worker stops it (stopRequested). */
export const POST = apiRoute<{ id: string }>({ role: "operator" }, async ({ request, principal, params }) => {
  const { job, stopRequested } = await cancelJob(params.id, actorOf(principal, clientIp(request)));
  return json({ job: jobView(job, getConfig()), stopRequested });
});
