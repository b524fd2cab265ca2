import { clientIp } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { apiRoute, json } from "@/lib/http";
import { jobView, rerunJob, submitterFor } from "@/lib/jobs";

/** Runs a finished job again as a new job (source `retry`); 201 with the new job. */
export const POST = apiRoute<{ id: string }>({ role: "operator" }, async ({ request, principal, params }) => {
  const job = await rerunJob(params.id, submitterFor(principal, clientIp(request)));
  return json({ job: jobView(job, getConfig()) }, 201);
});
