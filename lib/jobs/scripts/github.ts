import { z } from "zod";
import type { AppConfig } from "@/lib/config";
import { callHttp } from "./http";
import { defineScript, ScriptFailure, type ScriptConfigured, type ScriptContext } from "./types";

/** The workflow calls back to APP_URL: without it the callback would name localhost and the job would only time out. */
function githubConfigured(config: AppConfig): ScriptConfigured {
  const missing = [!config.remediation.github.token && "GITHUB_TOKEN", !config.remediation.github.repository && "GITHUB_REPOSITORY", !config.appUrl && "APP_URL"].filter(Boolean);
  return missing.length ? { ok: false, reason: `Set ${missing.join(" and ")} to dispatch GitHub workflows.` } : { ok: true };
}

const inputs = z.record(z.string().regex(/^[\w-]+$/), z.string().max(10_000)).default({});

/**
 * Dispatches a workflow (`workflow_dispatch`) whose inputs include the job id, a callback URL
 * and a one-time callback token; the job then stays running until the workflow calls back
 * (POST /api/jobs/{id}/callback) or the job times out. Long work runs on GitHub's runners,
 * not inside a serverless function.
 */
async function dispatch(context: ScriptContext<unknown>, workflow: string, ref: string | undefined, extraInputs: Record<string, string>) {
  const { github } = context.config.remediation;
  if (!github.token || !github.repository) throw new ScriptFailure(githubConfigured(context.config).ok ? "GitHub is not configured." : (githubConfigured(context.config) as { reason: string }).reason, false);
  if (!context.callback) throw new ScriptFailure("No callback was prepared for this job.", false);
  const workflowInputs = { ...extraInputs, job_id: context.job.id, callback_url: context.callback.url, callback_token: context.callback.token };
  // GitHub accepts at most 10 inputs on a workflow_dispatch.
  if (Object.keys(workflowInputs).length > 10) throw new ScriptFailure(`A workflow dispatch takes at most 10 inputs; this one has ${Object.keys(workflowInputs).length}.`, false);
  const url = `${github.apiUrl}/repos/${github.repository}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`;
  context.log.info(`Dispatching ${workflow} on ${github.repository}@${ref ?? github.ref}`);
  await callHttp({
    url,
    method: "POST",
    headers: {
      Authorization: `Bearer ${github.token}`,
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ ref: ref ?? github.ref, inputs: workflowInputs }),
    timeoutMs: 30_000,
    signal: context.signal,
    secrets: [github.token, context.callback.token],
  });
  context.log.info("Workflow dispatched; waiting for its callback");
  return {
    kind: "await_callback" as const,
    output: { repository: github.repository, workflow, ref: ref ?? github.ref, actionsUrl: `https://github.com/${github.repository}/actions/workflows/${encodeURIComponent(workflow)}` },
  };
}

export const githubWorkflowDispatchScript = defineScript({
  name: "github-workflow-dispatch",
  title: "GitHub workflow",
  description: "Dispatches a GitHub Actions workflow with the job id, a callback URL and a one-time callback token; the job runs until the workflow reports back.",
  argsSchema: z.object({
    workflow: z.string().min(1).max(200).describe("Workflow file name (deploy.yml) or id"),
    ref: z.string().max(200).optional().describe("Branch or tag (default GITHUB_REF)"),
    inputs: inputs.describe("Extra workflow inputs"),
  }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 3600,
  defaultMaxAttempts: 1,
  usesCallback: true,
  configured: githubConfigured,
  run: (context) => dispatch(context, context.args.workflow, context.args.ref, context.args.inputs),
});

function issueInputs(context: ScriptContext<unknown>): Record<string, string> {
  const issue = context.issue;
  return issue ? { sentry_issue_id: issue.sentryId, sentry_issue_title: issue.title.slice(0, 500), culprit: (issue.culprit ?? "").slice(0, 500) } : {};
}

export const fixBuildErrorsScript = defineScript({
  name: "fix-build-errors",
  title: "Fix build errors",
  description: "Runs the fix-build workflow (GITHUB_WORKFLOW_FIX_BUILD) for a failed build, with the Sentry issue's title and culprit as inputs.",
  argsSchema: z.object({ ref: z.string().max(200).optional().describe("Branch to fix (default GITHUB_REF)") }),
  allowedTiers: ["nonprod", "prod"],
  defaultTimeoutSeconds: 3600,
  defaultMaxAttempts: 1,
  usesCallback: true,
  configured: githubConfigured,
  run: (context) => dispatch(context, context.config.remediation.github.fixBuildWorkflow, context.args.ref, issueInputs(context)),
});

export const applyAiFixScript = defineScript({
  name: "apply-ai-fix",
  title: "Apply AI fix",
  description: "Runs the AI-fix workflow (GITHUB_WORKFLOW_AI_FIX) with a suggested fix, usually submitted by analyze-production-error.",
  argsSchema: z.object({
    suggestedFix: z.string().min(1).max(5000).describe("What to change"),
    rootCause: z.string().max(2000).optional().describe("Why it broke"),
    ref: z.string().max(200).optional().describe("Branch to fix (default GITHUB_REF)"),
  }),
  allowedTiers: ["nonprod"],
  defaultTimeoutSeconds: 3600,
  defaultMaxAttempts: 1,
  usesCallback: true,
  configured: githubConfigured,
  run: (context) =>
    dispatch(context, context.config.remediation.github.aiFixWorkflow, context.args.ref, {
      ...issueInputs(context),
      suggested_fix: context.args.suggestedFix,
      ...(context.args.rootCause ? { root_cause: context.args.rootCause } : {}),
    }),
});
