import type { AlertEventInput } from "@/lib/alerts";
import type { RemediationJob } from "@/lib/db";

type JobFacts = Pick<RemediationJob, "id" | "status" | "script" | "tier" | "namespace" | "priorityClass" | "issueId" | "ruleId" | "error" | "metadata" | "args">;

/** Fields of a job's metadata or args that a GitHub comment can target (a build fix's PR or commit). */
function buildTarget(job: JobFacts): { pullRequest?: number; commitSha?: string } {
  const sources = [job.metadata, job.args].filter((value) => value !== null && typeof value === "object" && !Array.isArray(value)) as Record<string, unknown>[];
  const target: { pullRequest?: number; commitSha?: string } = {};
  for (const source of sources) {
    const pullRequest = Number(source.pullRequest ?? source.pull_request);
    if (target.pullRequest === undefined && Number.isInteger(pullRequest) && pullRequest > 0) target.pullRequest = pullRequest;
    const sha = source.commitSha ?? source.sha;
    if (target.commitSha === undefined && typeof sha === "string" && /^[0-9a-f]{7,40}$/i.test(sha)) target.commitSha = sha;
  }
  return target;
}

/**
 * Pure: the alert a job's moment raises, if any. Failures and timeouts of one script in one
 * tier and namespace share a group (repeats are throttled as one problem, one PagerDuty
 * incident), and the next success there resolves it. Class A in production pages.
 */
export function jobAlert(job: JobFacts, moment: "finished" | "submitted"): AlertEventInput | null {
  const groupKey = `job:${job.script}:${job.tier}:${job.namespace}`;
  const data = { jobId: job.id, issueId: job.issueId, ruleId: job.ruleId, script: job.script, namespace: job.namespace, priorityClass: job.priorityClass, ...buildTarget(job) };
  const where = `${job.tier}/${job.namespace}`;
  if (moment === "submitted") {
    if (job.status !== "awaiting_approval") return null;
    return { type: "job.needs_approval", groupKey: `approval:${job.id}`, severity: job.tier === "prod" ? "warning" : "info", tier: job.tier, title: `${job.script} on ${where} is waiting for approval`, data };
  }
  if (job.status === "failed" || job.status === "timed_out") {
    const severity = job.tier === "prod" ? (job.priorityClass === "A" ? "critical" : "error") : "warning";
    const what = job.status === "failed" ? "failed" : "timed out";
    return { type: job.status === "failed" ? "job.failed" : "job.timed_out", groupKey, severity, tier: job.tier, title: `${job.script} ${what} on ${where}`, data: { ...data, error: job.error?.slice(0, 500) ?? null } };
  }
  if (job.status === "succeeded") {
    return { type: "job.succeeded", groupKey, severity: "info", tier: job.tier, resolves: true, title: `${job.script} succeeded on ${where}`, data };
  }
  return null;
}
