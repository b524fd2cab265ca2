import { getDb, type Issue, type Prisma } from "@/lib/db";
import { eventTags, readIssueChanged, type IssueChange } from "@/lib/issues";
import { submitJob, systemClock, TemplateError, type Clock, type ScriptRegistry } from "@/lib/jobs";
import type { OutboxHandler } from "@/lib/outbox";
import { readMetricAlertChanged, type MetricAlertChange } from "@/lib/sentry";
import * as Sentry from "@/lib/telemetry";
import { ensureDefaultRules } from "./defaults";
import { evaluateConditions } from "./conditions";
import { compileRules, planEvaluation, triggerForChange, type CompiledRuleSet, type ExplainedCondition } from "./evaluate";
import type { Rule, RuleTrigger } from "./model";
import { renderArgs } from "./placeholders";
import { checkSafety, type SafetyHistory } from "./safety";
import { loadActiveRules, rulesVersion } from "./store";
import type { EventFacts, IssueFacts, RuleSubject } from "./subject";

export type EvaluationDecision = "no_match" | "skipped" | "held" | "dry_run" | "submitted" | "error";

/** What is stored (and shown on the issue page) for one rule's evaluation. */
export interface EvaluationReasons {
  conditions?: ExplainedCondition[];
  stoppedBy?: string;
  limit?: { limit: string; detail: string };
  error?: string;
  /** The job it submitted, or would have in dry-run. */
  job?: { script: string; tier: string; namespace: string; priorityClass: string; args: unknown };
}

export interface EvaluationRecord {
  ruleId: string;
  ruleName: string;
  decision: EvaluationDecision;
  reasons: EvaluationReasons;
  jobId: string | null;
}

export interface EngineDeps {
  clock?: Clock;
  scripts?: ScriptRegistry;
  /** The outbox event being handled: its evaluations and jobs are keyed by it, so a retry repeats nothing. */
  eventId?: string;
}

// Rules are read on every issue change and change rarely: cached for a few seconds, and at
// once after a save in this process (rulesVersion).
const CACHE_MS = 5_000;
const cache: { version: number; at: number; compiled: CompiledRuleSet } = { version: -1, at: 0, compiled: [] };

async function compiledRules(): Promise<CompiledRuleSet> {
  if (cache.version === rulesVersion() && Date.now() - cache.at < CACHE_MS) return cache.compiled;
  const version = rulesVersion();
  const compiled = compileRules(await loadActiveRules());
  Object.assign(cache, { version, at: Date.now(), compiled });
  return compiled;
}

function tagsRecord(tags: unknown): Record<string, string> {
  return Object.fromEntries(eventTags(tags).map((tag) => [tag.key, tag.value]));
}

/** The subject for an issue change: the issue, with the event the change was about (or its latest). */
export async function issueSubject(issue: Issue, eventId?: string): Promise<RuleSubject> {
  const db = await getDb();
  const event = eventId
    ? await db.issueEvent.findFirst({ where: { issueId: issue.id, sentryEventId: eventId } })
    : await db.issueEvent.findFirst({ where: { issueId: issue.id }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }] });
  const facts: IssueFacts = {
    id: issue.id,
    sentryId: issue.sentryId,
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    status: issue.status,
    environment: issue.environment,
    project: issue.projectSlug,
    platform: issue.platform,
    metadata: issue.metadata && typeof issue.metadata === "object" && !Array.isArray(issue.metadata) ? (issue.metadata as Record<string, unknown>) : null,
    count: Number(issue.count),
    userCount: issue.userCount,
    permalink: issue.permalink,
    firstSeen: issue.firstSeen?.toISOString() ?? null,
    lastSeen: issue.lastSeen?.toISOString() ?? null,
  };
  const eventFacts: EventFacts | null = event
    ? { id: event.sentryEventId, title: event.title, message: event.message, level: event.level, environment: event.environment, release: event.release, platform: event.platform, tags: tagsRecord(event.tags) }
    : null;
  return { kind: "issue", issue: facts, event: eventFacts };
}

function subjectKey(subject: RuleSubject): string {
  return subject.kind === "issue" ? `issue:${subject.issue.id}` : `alert:${subject.alert.id}`;
}

/** The rule's job history for this subject, in one query. */
async function safetyHistory(rule: Rule, subject: RuleSubject, dedupeKey: string, now: Date): Promise<SafetyHistory> {
  const db = await getDb();
  const windowStart = new Date(now.getTime() - rule.safety.windowMinutes * 60_000);
  const issueId = subject.kind === "issue" ? subject.issue.id : null;
  const [row] = await db.$queryRaw<{ lastJobAt: Date | null; inWindow: number; active: boolean; sinceResolution: boolean }[]>`
    WITH resolved AS (
      SELECT max("occurredAt") AS "at" FROM "IssueTimelineEntry"
      WHERE "issueId" = ${issueId} AND "kind" = 'status_changed' AND "data"->>'to' = 'resolved'
    )
    SELECT
      (SELECT max("createdAt") FROM "RemediationJob" WHERE "dedupeKey" = ${dedupeKey}) AS "lastJobAt",
      (SELECT count(*)::int FROM "RemediationJob" WHERE "ruleId" = ${rule.id} AND "createdAt" > ${windowStart}) AS "inWindow",
      EXISTS (SELECT 1 FROM "RemediationJob" WHERE "dedupeKey" = ${dedupeKey} AND "status" IN ('queued', 'awaiting_approval', 'running')) AS "active",
      EXISTS (SELECT 1 FROM "RemediationJob", resolved WHERE "dedupeKey" = ${dedupeKey} AND (resolved."at" IS NULL OR "RemediationJob"."createdAt" > resolved."at")) AS "sinceResolution"`;
  return { lastJobForIssueAt: row?.lastJobAt ?? null, jobsInWindow: row?.inWindow ?? 0, activeJobForIssue: row?.active ?? false, jobSinceLastResolution: row?.sinceResolution ?? false };
}

/**
 * Runs the rules for one subject and trigger: pure matching (planEvaluation), then, for each
 * matched rule in order, its safety limits against its job history, its args rendered from the
 * subject, and a job submitted through the queue (or recorded only, in dry-run). Every
 * evaluation is stored, with its reasons, for "why did / didn't this fire".
 */
export async function evaluateRules(subject: RuleSubject, trigger: RuleTrigger, deps: EngineDeps = {}): Promise<EvaluationRecord[]> {
  await ensureDefaultRules();
  const now = (deps.clock ?? systemClock).now();
  const planned = planEvaluation(await compiledRules(), subject, trigger);
  const records: EvaluationRecord[] = [];
  for (const { rule, outcome } of planned) {
    const base = { ruleId: rule.id, ruleName: rule.name, jobId: null };
    if (outcome.kind === "skipped") {
      records.push({ ...base, decision: "skipped", reasons: { stoppedBy: outcome.stoppedBy } });
      continue;
    }
    if (outcome.kind === "no_match") {
      records.push({ ...base, decision: "no_match", reasons: { conditions: outcome.conditions } });
      continue;
    }
    records.push(await actOnMatch(rule, subject, outcome.conditions, now, deps));
  }
  await recordEvaluations(subject, trigger, records, planned.map((entry) => entry.rule), deps.eventId);
  return records;
}

async function actOnMatch(rule: Rule, subject: RuleSubject, conditions: ExplainedCondition[], now: Date, deps: EngineDeps): Promise<EvaluationRecord> {
  const base = { ruleId: rule.id, ruleName: rule.name, jobId: null };
  const dedupeKey = `rule:${rule.id}:${subjectKey(subject)}`;
  // A handling retried after a crash between its submission and its record: the job exists,
  // and the safety limits would now count it against itself.
  const idempotencyKey = deps.eventId ? `outbox:${deps.eventId}:rule:${rule.id}` : undefined;
  if (idempotencyKey) {
    const earlier = await (await getDb()).remediationJob.findUnique({ where: { idempotencyKey } });
    if (earlier) {
      const job = { script: earlier.script, tier: earlier.tier, namespace: earlier.namespace, priorityClass: earlier.priorityClass, args: earlier.args };
      return { ...base, decision: "submitted", jobId: earlier.id, reasons: { conditions, job } };
    }
  }
  const verdict = checkSafety(rule.safety, await safetyHistory(rule, subject, dedupeKey, now), now);
  if (!verdict.allowed) return { ...base, decision: "held", reasons: { conditions, limit: { limit: verdict.limit, detail: verdict.detail } } };
  let args: unknown;
  try {
    args = renderArgs(rule.action.args, subject);
  } catch (error) {
    if (error instanceof TemplateError) return { ...base, decision: "error", reasons: { conditions, error: `action.args: ${error.message}` } };
    throw error;
  }
  const job = { script: rule.action.script, tier: rule.action.tier, namespace: rule.action.namespace, priorityClass: rule.action.priorityClass, args };
  if (rule.dryRun) return { ...base, decision: "dry_run", reasons: { conditions, job } };
  const issue = subject.kind === "issue" ? subject.issue : null;
  try {
    const submitted = await submitJob(
      {
        ...job,
        args: args as Record<string, unknown>,
        metadata: {
          ...rule.action.metadata,
          triggeredBy: `rule:${rule.name}`,
          ruleRevision: rule.revision,
          ...(issue ? { sentryIssueId: issue.sentryId, sentryIssueTitle: issue.title } : { metricAlertId: subject.kind === "metric_alert" ? subject.alert.id : undefined }),
        },
        issueId: issue?.id,
        dedupeKey,
        requiresApproval: rule.requiresApproval,
        resolveIssueOnSuccess: issue !== null && rule.action.resolveIssueOnSuccess,
      },
      { actor: { type: "system", label: `rule:${rule.name}` }, role: "system", source: "rule", ruleId: rule.id, idempotencyKey },
      { clock: deps.clock, scripts: deps.scripts },
    );
    if (submitted.deduplicated) {
      return { ...base, decision: "held", jobId: submitted.job.id, reasons: { conditions, limit: { limit: "one_until_resolved", detail: "A job from this rule for this subject is still active." } } };
    }
    return { ...base, decision: "submitted", jobId: submitted.job.id, reasons: { conditions, job } };
  } catch (error) {
    Sentry.captureException(error, { tags: { ruleId: rule.id, stage: "rule.submit" } });
    return { ...base, decision: "error", reasons: { conditions, error: error instanceof Error ? error.message : String(error) } };
  }
}

async function recordEvaluations(subject: RuleSubject, trigger: RuleTrigger, records: EvaluationRecord[], rules: Rule[], outboxEventId?: string): Promise<void> {
  if (records.length === 0) return;
  const db = await getDb();
  const revisions = new Map(rules.map((rule) => [rule.id, rule.revision]));
  await db.ruleEvaluation.createMany({
    data: records.map((record) => ({
      issueId: subject.kind === "issue" ? subject.issue.id : null,
      metricAlertIncidentId: subject.kind === "metric_alert" ? subject.alert.id : null,
      ruleId: record.ruleId,
      ruleRevision: revisions.get(record.ruleId) ?? null,
      trigger,
      decision: record.decision,
      reasons: record.reasons as Prisma.InputJsonValue,
      jobId: record.jobId,
      outboxEventId: outboxEventId ?? null,
    })),
  });
  const fired = records.filter((record) => record.decision === "submitted" || record.decision === "dry_run").map((record) => record.ruleId);
  if (fired.length) await db.remediationRule.updateMany({ where: { id: { in: fired } }, data: { lastFiredAt: new Date() } });
}

/** The intake's hook: each applied issue change that is a trigger runs the rules. */
export async function evaluateIssueChange(issue: Issue, change: IssueChange, deps: EngineDeps = {}): Promise<EvaluationRecord[]> {
  const trigger = triggerForChange(change);
  if (!trigger) return [];
  const eventId = "eventId" in change ? change.eventId : undefined;
  return evaluateRules(await issueSubject(issue, eventId), trigger, deps);
}


/** Scripts that enabled rules whose conditions match this issue would choose (any trigger), for "Run remediation". */
export async function suggestedScripts(issueId: string): Promise<string[]> {
  await ensureDefaultRules();
  const issue = await (await getDb()).issue.findUnique({ where: { id: issueId } });
  if (!issue) return [];
  const subject = await issueSubject(issue);
  const scripts: string[] = [];
  const rules = await compiledRules();
  const patterns = rules.patterns?.forSubject() ?? null;
  for (const compiled of rules) {
    if (!compiled.rule.enabled || compiled.rule.trigger === "metric_alert") continue;
    if (evaluateConditions(compiled.conditions, subject, patterns).matched && !scripts.includes(compiled.rule.action.script)) scripts.push(compiled.rule.action.script);
  }
  return scripts;
}

/** A metric alert going critical or warning runs the metric_alert rules. */
export async function evaluateMetricAlert(change: MetricAlertChange, deps: EngineDeps = {}): Promise<EvaluationRecord[]> {
  if (change.status !== "critical" && change.status !== "warning") return [];
  return evaluateRules({ kind: "metric_alert", alert: { id: change.incidentId, title: change.title, status: change.status, projects: change.projects } }, "metric_alert", deps);
}

/**
 * The rules' outbox consumer: issue changes and metric alerts run the rules. An event whose
 * evaluations are already recorded (a retry after the record committed) is done; one whose
 * jobs were submitted but not recorded finds them by their idempotency key.
 */
export function rulesOutboxHandler(deps: Omit<EngineDeps, "eventId"> = {}): OutboxHandler {
  return async (event) => {
    const db = await getDb();
    if (await db.ruleEvaluation.findFirst({ where: { outboxEventId: event.id }, select: { id: true } })) return;
    if (event.topic === "issue.changed") {
      const { issue, change } = readIssueChanged(event.payload);
      await evaluateIssueChange(issue, change, { ...deps, eventId: event.id });
    } else if (event.topic === "metric_alert.changed") {
      await evaluateMetricAlert(readMetricAlertChanged(event.payload), { ...deps, eventId: event.id });
    }
  };
}
