import { getDb } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { describeChange, diffRules } from "./diff";
import type { EvaluationDecision, EvaluationReasons } from "./engine";
import type { Rule } from "./model";
import { ruleFromRow } from "./store";

export interface RuleListItem extends Rule {
  hits24h: number;
  lastFiredAt: string | null;
  updatedAt: string;
}

/** Active rules in evaluation order, with how often each fired in the last 24 h. */
export async function listRules(now: Date = new Date()): Promise<RuleListItem[]> {
  const db = await getDb();
  const [rows, hits] = await Promise.all([
    db.remediationRule.findMany({ where: { deletedAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }] }),
    db.ruleEvaluation.groupBy({ by: ["ruleId"], where: { createdAt: { gt: new Date(now.getTime() - 24 * 3_600_000) }, decision: { in: ["submitted", "dry_run"] } }, _count: { _all: true } }),
  ]);
  const counts = new Map(hits.map((hit) => [hit.ruleId, hit._count._all]));
  return rows.map((row) => ({ ...ruleFromRow(row), hits24h: counts.get(row.id) ?? 0, lastFiredAt: row.lastFiredAt?.toISOString() ?? null, updatedAt: row.updatedAt.toISOString() }));
}

export interface RuleRevisionView {
  revision: number;
  note: string | null;
  author: string | null;
  createdAt: string;
  /** Readable changes from the revision before (none for the first). */
  changes: string[];
  snapshot: unknown;
}

export interface RuleDetail {
  rule: RuleListItem;
  revisions: RuleRevisionView[];
  recentEvaluations: EvaluationView[];
}

export interface EvaluationView {
  id: string;
  ruleId: string | null;
  ruleName: string | null;
  ruleRevision: number | null;
  issue: { id: string; title: string; shortId: string | null } | null;
  trigger: string;
  decision: EvaluationDecision;
  reasons: EvaluationReasons;
  jobId: string | null;
  createdAt: string;
}

export async function getRuleDetail(id: string): Promise<RuleDetail> {
  const db = await getDb();
  const row = await db.remediationRule.findFirst({ where: { id, deletedAt: null } });
  if (!row) throw new NotFound("Rule");
  const [revisions, evaluations, hits] = await Promise.all([
    db.remediationRuleRevision.findMany({ where: { ruleId: id }, orderBy: { revision: "desc" }, include: { author: { select: { email: true } } }, take: 100 }),
    db.ruleEvaluation.findMany({ where: { ruleId: id }, orderBy: { createdAt: "desc" }, take: 50, include: { issue: { select: { id: true, title: true, shortId: true } } } }),
    db.ruleEvaluation.count({ where: { ruleId: id, createdAt: { gt: new Date(Date.now() - 24 * 3_600_000) }, decision: { in: ["submitted", "dry_run"] } } }),
  ]);
  return {
    rule: { ...ruleFromRow(row), hits24h: hits, lastFiredAt: row.lastFiredAt?.toISOString() ?? null, updatedAt: row.updatedAt.toISOString() },
    revisions: revisions.map((revision, index) => ({
      revision: revision.revision,
      note: revision.note,
      author: revision.author?.email ?? (revision.authorId ? "deleted user" : null),
      createdAt: revision.createdAt.toISOString(),
      changes: revisions[index + 1] ? diffRules(revisions[index + 1]!.snapshot, revision.snapshot).map(describeChange) : [],
      snapshot: revision.snapshot,
    })),
    recentEvaluations: evaluations.map((evaluation) => evaluationView(evaluation, row.name)),
  };
}

function evaluationView(
  evaluation: { id: string; ruleId: string | null; ruleRevision: number | null; trigger: string; decision: string; reasons: unknown; jobId: string | null; createdAt: Date; issue?: { id: string; title: string; shortId: string | null } | null },
  ruleName: string | null,
): EvaluationView {
  return {
    id: evaluation.id,
    ruleId: evaluation.ruleId,
    ruleName,
    ruleRevision: evaluation.ruleRevision,
    issue: evaluation.issue ?? null,
    trigger: evaluation.trigger,
    decision: evaluation.decision as EvaluationDecision,
    reasons: (evaluation.reasons ?? {}) as EvaluationReasons,
    jobId: evaluation.jobId,
    createdAt: evaluation.createdAt.toISOString(),
  };
}

/** "Why did / didn't this fire": every evaluation for an issue, newest first. */
export async function issueEvaluations(issueId: string, limit = 100): Promise<EvaluationView[]> {
  const db = await getDb();
  const rows = await db.ruleEvaluation.findMany({ where: { issueId }, orderBy: { createdAt: "desc" }, take: limit, include: { rule: { select: { name: true } } } });
  return rows.map((row) => evaluationView(row, row.rule?.name ?? null));
}
