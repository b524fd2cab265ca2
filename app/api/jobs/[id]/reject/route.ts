import { getConfig } from "@/lib/config";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { jobReasonInput, jobView, rejectJob } from "@/lib/jobs";

export const POST = apiRoute<{ id: string }>({ role: "operator" }, async ({ request, principal, params }) => {
  const { reason } = await parseJsonBody(request, jobReasonInput);
  const job = await rejectJob(params.id, actorOf(principal, clientIp(request)), reason);
  return json({ job: jobView(job, getConfig()) });
});
