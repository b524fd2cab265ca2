import { z } from "zod";
import type { SentryEventJson } from "@/lib/sentry";
import { analyzeIssue, formatAnalysisComment, llmVerdictSchema, shouldAutoFix, type ErrorAnalysis, type LlmVerdict } from "./analysis";
import { callHttp } from "./http";
import { sentryApiConfigured } from "./sentry-actions";
import { defineScript, ScriptFailure, type ScriptContext } from "./types";

const SYSTEM_PROMPT =
  "You are an SRE assistant. Given a structured analysis of a production error from Sentry, answer with one JSON object: " +
  '{"rootCause": string, "suggestedFix": string, "impact": string, "urgency": "low"|"medium"|"high"|"critical", "confidence": number 0-100, "canAutoFix": boolean}. ' +
  "canAutoFix is true only when a small, safe code change would fix it. Answer with the JSON object only.";

/** Asks an OpenAI-compatible endpoint for a verdict; any failure is logged and yields null (the analysis stands without it). */
async function askLlm(context: ScriptContext<unknown>, analysis: ErrorAnalysis): Promise<{ verdict: LlmVerdict | null; problem: string | null }> {
  const { llm } = context.config.remediation;
  if (!llm.baseUrl || !llm.model) return { verdict: null, problem: null };
  try {
    const answer = await callHttp({
      url: `${llm.baseUrl}/chat/completions`,
      method: "POST",
      headers: { "Content-Type": "application/json", ...(llm.apiKey ? { Authorization: `Bearer ${llm.apiKey}` } : {}) },
      body: JSON.stringify({
        model: llm.model,
        temperature: 0,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: JSON.stringify(analysis) },
        ],
      }),
      timeoutMs: llm.timeoutMs,
      signal: context.signal,
      secrets: llm.apiKey ? [llm.apiKey] : [],
    });
    const content = (answer.json as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
    if (typeof content !== "string") return { verdict: null, problem: "The LLM answer had no message content." };
    let raw: unknown;
    try {
      raw = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, ""));
    } catch {
      return { verdict: null, problem: "The LLM did not answer with JSON." };
    }
    const parsed = llmVerdictSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { verdict: null, problem: `The LLM answer was not usable: ${issue.path.join(".") || "answer"} ${issue.message}.` };
    }
    return { verdict: parsed.data, problem: null };
  } catch (error) {
    if (context.signal.aborted) throw error;
    return { verdict: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

export const analyzeProductionErrorScript = defineScript({
  name: "analyze-production-error",
  title: "Analyze production error",
  description:
    "Fetches the issue and its latest event from Sentry, builds a structured analysis (exception, top in-app frames, frequency, likely cause), asks an LLM when LLM_BASE_URL is set, posts it as a Sentry comment, and submits apply-ai-fix (nonprod, class C) when the model is over 80% confident and says it can be automated.",
  argsSchema: z.object({ autoFix: z.boolean().default(true).describe("Submit apply-ai-fix when the model is confident") }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 180,
  defaultMaxAttempts: 2,
  needsIssue: true,
  configured: sentryApiConfigured,
  run: async (context) => {
    const { issue, sentry, log, args } = context;
    if (!issue) throw new ScriptFailure("This job is not linked to a Sentry issue.", false);
    const issueJson = await sentry.getIssue(issue.sentryId);
    let event: SentryEventJson | null = null;
    try {
      event = await sentry.getLatestEvent(issue.sentryId);
    } catch (error) {
      log.warn(`No latest event: ${error instanceof Error ? error.message : String(error)}`);
    }
    const analysis = analyzeIssue(issueJson, event);
    log.info(`Analysis: ${analysis.exception?.type ?? "no exception"}; ${analysis.likelyCause}`);
    const { verdict, problem } = await askLlm(context, analysis);
    if (problem) log.warn(`LLM: ${problem}`);
    if (verdict) log.info(`LLM verdict: ${verdict.urgency}, ${verdict.confidence}% confident, auto-fix ${verdict.canAutoFix ? "possible" : "not possible"}`);

    let followUp: { id: string; url: string } | null = null;
    if (args.autoFix && shouldAutoFix(verdict)) {
      const submitted = await context.submitFollowUp({
        script: "apply-ai-fix",
        tier: "nonprod",
        priorityClass: "C",
        args: { suggestedFix: verdict!.suggestedFix, rootCause: verdict!.rootCause },
        metadata: { triggeredBy: "analyze-production-error", confidence: verdict!.confidence },
      });
      followUp = { id: submitted.id, url: context.jobUrl.replace(/[^/]+$/, submitted.id) };
      log.info(`Submitted apply-ai-fix as job ${submitted.id}`);
    }
    let commented = false;
    try {
      await sentry.addComment(issue.sentryId, formatAnalysisComment(analysis, verdict, context.jobUrl, followUp));
      commented = true;
    } catch (error) {
      // The analysis is still the job's output; a comment needs a user-bound token.
      log.warn(`Could not post the analysis on Sentry: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { kind: "done", output: { analysis, verdict, llmProblem: problem, followUpJobId: followUp?.id ?? null, commented } };
  },
});
