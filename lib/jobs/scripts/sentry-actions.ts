import { z } from "zod";
import { defineScript, ScriptFailure, type ScriptConfigured } from "./types";
import type { AppConfig } from "@/lib/config";

export function sentryApiConfigured(config: AppConfig): ScriptConfigured {
  const missing = [!config.sentryIntegration.apiToken && "SENTRY_API_TOKEN", !config.sentryIntegration.organization && "SENTRY_ORG"].filter(Boolean);
  return missing.length ? { ok: false, reason: `Set ${missing.join(" and ")} to call Sentry's API.` } : { ok: true };
}

export const sentryCommentScript = defineScript({
  name: "sentry-comment",
  title: "Comment on the Sentry issue",
  description: "Posts a comment on the job's Sentry issue (needs a user-bound SENTRY_API_TOKEN).",
  argsSchema: z.object({ text: z.string().min(1).max(5000).describe("The comment") }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 60,
  defaultMaxAttempts: 3,
  needsIssue: true,
  configured: sentryApiConfigured,
  run: async ({ args, issue, sentry, log }) => {
    if (!issue) throw new ScriptFailure("This job is not linked to a Sentry issue.", false);
    const result = await sentry.addComment(issue.sentryId, args.text);
    log.info(result.duplicate ? "Sentry already had this comment from this user within the hour" : "Comment posted");
    return { kind: "done", output: { commentId: result.id, duplicate: result.duplicate } };
  },
});

export const sentryResolveScript = defineScript({
  name: "sentry-resolve",
  title: "Resolve the Sentry issue",
  description: "Marks the job's Sentry issue resolved through Sentry's API.",
  argsSchema: z.object({}),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 60,
  defaultMaxAttempts: 3,
  needsIssue: true,
  configured: sentryApiConfigured,
  run: async ({ issue, sentry, log }) => {
    if (!issue) throw new ScriptFailure("This job is not linked to a Sentry issue.", false);
    const result = await sentry.updateIssueStatus(issue.sentryId, "resolved");
    log.info(`Sentry answered status ${result.status}`);
    return { kind: "done", output: { status: result.status } };
  },
});
