import { compileConditions, evaluateConditions, type CompiledConditions, type ConditionOutcome } from "./conditions";
import type { Rule, RuleTrigger } from "./model";
import type { RuleSubject } from "./subject";

export interface CompiledRule {
  rule: Rule;
  conditions: CompiledConditions;
}

/** Pure: rules ready to evaluate, in their order. Saved rules were validated, so this does not throw for them. */
export function compileRules(rules: Rule[]): CompiledRule[] {
  return [...rules].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)).map((rule) => ({ rule, conditions: compileConditions(rule.conditions) }));
}

/** A condition's outcome with what it asked, for the record and the "why" view. */
export interface ExplainedCondition extends ConditionOutcome {
  field: string;
  tag?: string;
  operator: string;
  expected: string | number | string[];
}

export type PlannedOutcome =
  | { kind: "no_match"; conditions: ExplainedCondition[] }
  | { kind: "matched"; conditions: ExplainedCondition[] }
  /** Not evaluated: an earlier rule that matched stops evaluation. */
  | { kind: "skipped"; stoppedBy: string };

export interface PlannedRule {
  rule: Rule;
  outcome: PlannedOutcome;
}

export function explain(compiled: CompiledRule, outcomes: ConditionOutcome[]): ExplainedCondition[] {
  return outcomes.map((outcome) => {
    const source = compiled.conditions.groups[outcome.group]!.conditions[outcome.index]!.source;
    return { ...outcome, field: source.field, ...(source.tag ? { tag: source.tag } : {}), operator: source.operator, expected: source.value };
  });
}

/**
 * Pure: which enabled rules of this trigger match the subject, in order, honouring "stop
 * after match". Safety limits are decided afterwards, for matched rules only (they need the
 * rule's job history).
 */
export function planEvaluation(compiled: CompiledRule[], subject: RuleSubject, trigger: RuleTrigger): PlannedRule[] {
  const planned: PlannedRule[] = [];
  let stoppedBy: string | null = null;
  for (const candidate of compiled) {
    const { rule } = candidate;
    if (!rule.enabled || rule.trigger !== trigger) continue;
    if (stoppedBy) {
      planned.push({ rule, outcome: { kind: "skipped", stoppedBy } });
      continue;
    }
    const result = evaluateConditions(candidate.conditions, subject);
    const conditions = explain(candidate, result.outcomes);
    planned.push({ rule, outcome: result.matched ? { kind: "matched", conditions } : { kind: "no_match", conditions } });
    if (result.matched && rule.stopAfterMatch) stoppedBy = rule.name;
  }
  return planned;
}

/** Pure: the trigger an issue change is, or null when rules do not react to it. */
export function triggerForChange(change: { kind: string; from?: string | null; to?: string | null }): RuleTrigger | null {
  switch (change.kind) {
    case "created":
      return "issue_created";
    case "status_changed":
      return change.to === "unresolved" && (change.from === "resolved" || change.from === "ignored") ? "issue_unresolved" : null;
    case "alert_triggered":
      return "event_alert";
    case "event_received":
      return "error_event";
    default:
      return null;
  }
}
