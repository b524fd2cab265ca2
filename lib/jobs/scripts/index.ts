import { analyzeProductionErrorScript } from "./analyze-production-error";
import { noopScript, sleepScript } from "./demo";
import { applyAiFixScript, fixBuildErrorsScript, githubWorkflowDispatchScript } from "./github";
import { httpRequestScript, restartDbPoolScript, restartServiceScript } from "./http-endpoints";
import { sentryCommentScript, sentryResolveScript } from "./sentry-actions";
import type { RemediationScript } from "./types";
import { vercelRedeployScript } from "./vercel";

export type ScriptRegistry = ReadonlyMap<string, RemediationScript>;

/** Every built-in script, by name. */
export const BUILT_IN_SCRIPTS: ScriptRegistry = new Map(
  (
    [
      restartServiceScript,
      restartDbPoolScript,
      httpRequestScript,
      fixBuildErrorsScript,
      applyAiFixScript,
      githubWorkflowDispatchScript,
      analyzeProductionErrorScript,
      vercelRedeployScript,
      sentryCommentScript,
      sentryResolveScript,
      sleepScript,
      noopScript,
    ] as RemediationScript[]
  ).map((script) => [script.name, script]),
);

export { ScriptFailure, defineScript, type RemediationScript, type ScriptContext, type ScriptOutcome, type ScriptIssue, type FollowUpJob } from "./types";
export { parseHttpEndpoints, type HttpEndpoint } from "./http-endpoints";
export { analyzeIssue, formatAnalysisComment, shouldAutoFix, llmVerdictSchema, AUTO_FIX_CONFIDENCE, type ErrorAnalysis, type LlmVerdict } from "./analysis";
