import { z } from "zod";
import { exceptionHeadline, topInAppFrames, type StackFrameView } from "@/lib/issues";
import type { SentryEventJson, SentryIssueJson } from "@/lib/sentry";

export interface ErrorAnalysis {
  issue: { id: string; shortId: string | null; title: string; culprit: string | null; level: string | null; permalink: string | null };
  exception: { type: string | null; value: string | null } | null;
  topFrames: StackFrameView[];
  frequency: { events: number; users: number; perHour: number | null };
  firstSeen: string | null;
  lastSeen: string | null;
  environment: string | null;
  release: string | null;
  likelyCause: string;
}

/** Ordered: the first matching pattern names the likely cause. */
const CAUSES: [RegExp, string][] = [
  [/OutOfMemory|heap out of memory|ENOMEM|MemoryError/i, "Memory exhaustion: the process ran out of memory (a leak, or a load spike beyond its limit)."],
  [/ECONNREFUSED|ECONNRESET|connection (refused|reset|terminated)|too many (connections|clients)|pool (is )?exhausted/i, "A dependency refused or dropped connections (database or service down, or its connection pool exhausted)."],
  [/timeout|timed out|ETIMEDOUT|deadline exceeded/i, "A downstream call exceeded its time limit (slow dependency or network)."],
  [/database|sql|postgres|mysql|deadlock|relation .* does not exist/i, "A database error (schema, query or connectivity)."],
  [/undefined is not|cannot read propert|null pointer|NullPointerException|NoneType|is not a function/i, "A null or undefined value reached code that expected an object: a missing check or unexpected input."],
  [/permission|forbidden|unauthori[sz]ed|EACCES|401|403/i, "An authorization failure: expired credentials or missing permissions."],
  [/build failed|compil|syntax ?error|module not found|cannot find module/i, "A build or bundling error: a broken import or invalid code was deployed."],
];

function likelyCause(text: string): string {
  return CAUSES.find(([pattern]) => pattern.test(text))?.[1] ?? "No known pattern: start from the top in-app frame below.";
}

/**
 * Pure: a structured analysis of a Sentry issue from its API JSON and its latest event. The
 * frequency is events per hour between first and last seen.
 */
export function analyzeIssue(issue: SentryIssueJson, event: SentryEventJson | null): ErrorAnalysis {
  const exception = event ? exceptionHeadline(event.exception) : null;
  const frames = event ? topInAppFrames(event.exception).frames : [];
  const events = Number(issue.count ?? 0);
  const first = issue.firstSeen ?? null;
  const last = issue.lastSeen ?? null;
  const hours = first && last ? Math.max((last.getTime() - first.getTime()) / 3_600_000, 1 / 60) : null;
  const text = [exception?.type, exception?.value, issue.title, issue.culprit, ...frames.map((frame) => `${frame.module ?? ""} ${frame.function ?? ""}`)].filter(Boolean).join(" ");
  const tags = event?.tags;
  const tagValue = (key: string): string | null => {
    if (!tags) return null;
    if (Array.isArray(tags)) {
      for (const entry of tags) {
        if (Array.isArray(entry) && entry[0] === key) return entry[1] === null ? null : String(entry[1]);
        if (!Array.isArray(entry) && entry.key === key) return entry.value === null ? null : String(entry.value);
      }
      return null;
    }
    const value = (tags as Record<string, unknown>)[key];
    return value === undefined || value === null ? null : String(value);
  };
  return {
    issue: { id: issue.id, shortId: issue.shortId ?? null, title: issue.title, culprit: issue.culprit ?? null, level: issue.level ?? null, permalink: issue.permalink ?? null },
    exception,
    topFrames: frames.slice(0, 5),
    frequency: { events, users: issue.userCount ?? 0, perHour: hours === null ? null : Math.round((events / hours) * 10) / 10 },
    firstSeen: first?.toISOString() ?? null,
    lastSeen: last?.toISOString() ?? null,
    environment: event?.environment ?? tagValue("environment"),
    release: event?.release ?? tagValue("release"),
    likelyCause: likelyCause(text),
  };
}

export const llmVerdictSchema = z.object({
  rootCause: z.string().min(1).max(4000),
  suggestedFix: z.string().min(1).max(5000),
  impact: z.string().min(1).max(2000),
  urgency: z.enum(["low", "medium", "high", "critical"]),
  confidence: z.number().min(0).max(100),
  canAutoFix: z.boolean(),
});
export type LlmVerdict = z.infer<typeof llmVerdictSchema>;

/** An automatic fix is proposed only above this confidence (strictly), and only when the model says it can be automated. */
export const AUTO_FIX_CONFIDENCE = 80;

export function shouldAutoFix(verdict: LlmVerdict | null): boolean {
  return verdict !== null && verdict.canAutoFix && verdict.confidence > AUTO_FIX_CONFIDENCE;
}

function frameLine(frame: StackFrameView): string {
  const where = [frame.filename ?? frame.module, frame.lineno].filter((part) => part !== null && part !== undefined).join(":");
  return `  at ${frame.function ?? "<anonymous>"}${where ? ` (${where})` : ""}`;
}

/** Pure: the Sentry comment posting an analysis (Sentry renders comments as Markdown). */
export function formatAnalysisComment(analysis: ErrorAnalysis, verdict: LlmVerdict | null, jobUrl: string, followUp: { id: string; url: string } | null): string {
  const lines = ["**Automated analysis** (self-healing ops)", ""];
  if (analysis.exception) lines.push(`Exception: \`${analysis.exception.type ?? "Error"}: ${(analysis.exception.value ?? "").slice(0, 300)}\``);
  lines.push(
    `Frequency: ${analysis.frequency.events} events, ${analysis.frequency.users} users${analysis.frequency.perHour !== null ? `, ${analysis.frequency.perHour}/h` : ""}`,
    `First seen ${analysis.firstSeen ?? "?"}, last seen ${analysis.lastSeen ?? "?"}${analysis.environment ? ` · ${analysis.environment}` : ""}${analysis.release ? ` · release ${analysis.release}` : ""}`,
    `Likely cause: ${analysis.likelyCause}`,
  );
  if (analysis.topFrames.length) lines.push("", "Top in-app frames:", "```", ...analysis.topFrames.map(frameLine), "```");
  if (verdict) {
    lines.push(
      "",
      `**Root cause** (${verdict.confidence}% confidence, urgency ${verdict.urgency}): ${verdict.rootCause}`,
      `**Suggested fix:** ${verdict.suggestedFix}`,
      `**Impact:** ${verdict.impact}`,
    );
  }
  if (followUp) lines.push("", `An automatic fix was submitted: ${followUp.url}`);
  lines.push("", `Job: ${jobUrl}`);
  return lines.join("\n");
}
