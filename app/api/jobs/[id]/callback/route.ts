import { getConfig } from "@/lib/config";
import { json, parseJsonBody, publicRoute } from "@/lib/http";
import { authenticateJobCallback, jobCallbackInput, receiveJobCallback } from "@/lib/jobs";
import { queueSettingsFrom } from "@/lib/worker";

/**
 * The outside runner (a GitHub workflow) reports progress or the end of its job. Authenticated
 * by the job's one-time callback token (`Authorization: Bearer <token>`), not by a session.
 */
export const POST = publicRoute<{ id: string }>(async ({ request, params }) => {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization")?.trim() ?? "")?.[1] ?? null;
  const job = await authenticateJobCallback(params.id, token);
  const input = await parseJsonBody(request, jobCallbackInput);
  const updated = await receiveJobCallback(job, input, queueSettingsFrom(getConfig()));
  return json({ job: { id: updated.id, status: updated.status } });
});
