import { compileConditions, evaluateConditions, PatternBank, type CompiledConditions, type ConditionOutcome } from "./conditions";
import type { Rule, RuleTrigger } from "./model";
import type { RuleSubject } from "./subject";

export interface CompiledRule {
  rule: Rule;
  conditions: CompiledConditions;
}

export interface CompiledRuleSet extends Array<CompiledRule> {
  /** The set's regexes, one RE2Set per field (see PatternBank). */
  patterns?: PatternBank;
}

/** Pure: rules ready to evaluate, in their order. Saved rules were validated, so this does not throw for them. */
export function compileRules(rules: Rule[]): CompiledRuleSet {
  const bank = new PatternBank();
  const compiled: CompiledRuleSet = [...rules].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)).map((rule) => ({ rule, conditions: compileConditions(rule.conditions, bank) }));
  bank.compile();
  compiled.patterns = bank;
  return compiled;
}

/** A condition's outcome with what it asked, for the record and the "why" view. */
export type ExplainedCondition = ConditionOutcome;

export type PlannedOutcome =
  | { kind: "no_match"; conditions: ExplainedCondition[] }
  | { kind: "matched"; conditions: ExplainedCondition[] }
  /** Not evaluated: an earlier rule that matched stops evaluation. */
  | { kind: "skipped"; stoppedBy: string };

export interface PlannedRule {
  rule: Rule;
  outcome: PlannedOutcome;
}

/**
 * Pure: which enabled rules of this trigger match the subject, in order, honouring "stop
 * after match". Safety limits are decided afterwards, for matched rules only (they need the
 * rule's job history).
 */
export function planEvaluation(compiled: CompiledRuleSet, subject: RuleSubject, trigger: RuleTrigger): PlannedRule[] {
  const planned: PlannedRule[] = [];
  const patterns = compiled.patterns?.forSubject() ?? null;
  let stoppedBy: string | null = null;
  for (const candidate of compiled) {
    const { rule } = candidate;
    if (!rule.enabled || rule.trigger !== trigger) continue;
    if (stoppedBy) {
      planned.push({ rule, outcome: { kind: "skipped", stoppedBy } });
      continue;
    }
    const result = evaluateConditions(candidate.conditions, subject, patterns);
    const conditions = result.outcomes;
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
