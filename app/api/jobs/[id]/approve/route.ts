import { getConfig } from "@/lib/config";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http";
import { approveJob, jobView } from "@/lib/jobs";

export const POST = apiRoute<{ id: string }>({ role: "operator" }, async ({ request, principal, params }) => {
  const job = await approveJob(params.id, actorOf(principal, clientIp(request)));
  return json({ job: jobView(job, getConfig()) });
});
