import { clientIp } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { apiRoute, json, parseInput, parseJsonBody, searchParams } from "@/lib/http";
import { jobListQuery, jobView, listJobs, submitJob, submitJobInput, submitterFor } from "@/lib/jobs";

/** Jobs, newest first, under filters (status, tier, class, source, namespace, script, issueId, ruleId), one cursor page at a time. */
export const GET = apiRoute({ role: "viewer" }, async ({ request }) => json(await listJobs(parseInput(jobListQuery, searchParams(request)))));

/** Submits a job: 201 with the new job, or 200 with the active job its dedupe key matched. */
export const POST = apiRoute({ role: "operator" }, async ({ request, principal }) => {
  const input = await parseJsonBody(request, submitJobInput);
  const { job, deduplicated } = await submitJob(input, submitterFor(principal, clientIp(request)));
  return json({ job: jobView(job, getConfig()), deduplicated }, deduplicated ? 200 : 201);
});
