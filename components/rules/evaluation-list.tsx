import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { FIELD_LABELS, OPERATOR_LABELS, TRIGGER_LABELS, type ConditionField, type ConditionOperator, type RuleTrigger } from "@/lib/rules/model";
import type { EvaluationView } from "@/lib/rules/queries";

const DECISION: Record<string, { label: string; tone: Tone }> = {
  submitted: { label: "Fired: job submitted", tone: "ok" },
  dry_run: { label: "Would fire (dry-run)", tone: "info" },
  held: { label: "Matched, held back", tone: "warn" },
  no_match: { label: "Did not match", tone: "neutral" },
  skipped: { label: "Skipped", tone: "neutral" },
  error: { label: "Error", tone: "danger" },
};

function expected(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** "Why did / didn't this fire": each rule evaluation with the conditions it checked and what held it back. */
export function EvaluationList({ evaluations, showIssue = false }: { evaluations: EvaluationView[]; showIssue?: boolean }) {
  if (evaluations.length === 0) return <p className="text-sm text-muted">No rule has looked at this yet.</p>;
  return (
    <ul className="divide-y divide-border text-sm" aria-label="Rule evaluations">
      {evaluations.map((evaluation) => {
        const decision = DECISION[evaluation.decision] ?? { label: evaluation.decision, tone: "neutral" as Tone };
        const { reasons } = evaluation;
        return (
          <li key={evaluation.id} className="space-y-1.5 py-3" data-testid="evaluation">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium text-ink">
                {evaluation.ruleId ? <Link href={`/rules/${evaluation.ruleId}`} className="hover:text-brand">{evaluation.ruleName ?? "Deleted rule"}</Link> : "Deleted rule"}
                {evaluation.ruleRevision && <span className="ml-1 text-xs font-normal text-muted">rev {evaluation.ruleRevision}</span>}
                {showIssue && evaluation.issue && (
                  <span className="font-normal text-muted">
                    {" "}
                    on <Link href={`/issues/${evaluation.issue.id}`} className="hover:text-brand">{evaluation.issue.shortId ?? evaluation.issue.title}</Link>
                  </span>
                )}
              </p>
              <span className="flex items-center gap-2 text-xs text-muted">
                <time dateTime={evaluation.createdAt}>{evaluation.createdAt.slice(0, 19).replace("T", " ")} UTC</time>
                <Badge tone={decision.tone}>{decision.label}</Badge>
              </span>
            </div>
            <p className="text-xs text-muted">On {TRIGGER_LABELS[evaluation.trigger as RuleTrigger] ?? evaluation.trigger}</p>
            {reasons.conditions && reasons.conditions.length > 0 && (
              <ul className="space-y-0.5 text-xs">
                {reasons.conditions.map((condition, index) => (
                  <li key={index} className={condition.matched ? "text-ok" : "text-muted"}>
                    <span aria-hidden>{condition.matched ? "✓ " : "✗ "}</span>
                    {FIELD_LABELS[condition.field as ConditionField] ?? condition.field}
                    {condition.tag ? ` ${condition.tag}` : ""} {OPERATOR_LABELS[condition.operator as ConditionOperator] ?? condition.operator} <code className="font-mono">{expected(condition.expected)}</code>
                    <span className="text-muted"> — was {condition.actual === null ? "absent" : <code className="font-mono">{condition.actual}</code>}</span>
                  </li>
                ))}
              </ul>
            )}
            {reasons.stoppedBy && <p className="text-xs text-muted">Not evaluated: “{reasons.stoppedBy}” matched first and stops evaluation.</p>}
            {reasons.limit && <p className="text-xs text-warn">{reasons.limit.detail}</p>}
            {reasons.error && <p className="text-xs text-danger">{reasons.error}</p>}
            {reasons.job && (
              <p className="text-xs text-muted">
                {evaluation.decision === "dry_run" ? "Would submit" : "Submitted"} {reasons.job.script} on {reasons.job.tier}/{reasons.job.namespace}, class {reasons.job.priorityClass}
                {evaluation.jobId && (
                  <>
                    {" · "}
                    <Link href={`/jobs/${evaluation.jobId}`} className="font-medium text-brand hover:underline">
                      view job
                    </Link>
                  </>
                )}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
