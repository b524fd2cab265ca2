export {
  RULE_TRIGGERS,
  TRIGGER_LABELS,
  CONDITION_FIELDS,
  CONDITION_OPERATORS,
  FIELD_LABELS,
  OPERATOR_LABELS,
  NUMERIC_FIELDS,
  ruleInput,
  type Rule,
  type RuleInput,
  type RuleDraft,
  type RuleTrigger,
  type RuleCondition,
  type RuleConditions,
  type RuleAction,
  type RuleSafety,
} from "./model";
export { validateRule, type ValidRule } from "./validate";
export { compileRules, planEvaluation, triggerForChange, type CompiledRule, type PlannedRule, type ExplainedCondition } from "./evaluate";
export { checkSafety, type SafetyHistory, type SafetyVerdict } from "./safety";
export { renderArgs } from "./placeholders";
export { diffRules, describeChange } from "./diff";
export { createRule, updateRule, setRuleEnabled, rollbackRule, deleteRule, reorderRules, loadActiveRules, ruleSnapshot } from "./store";
export { listRules, getRuleDetail, issueEvaluations, type RuleListItem, type RuleDetail, type RuleRevisionView, type EvaluationView } from "./queries";
export { evaluateRules, evaluateIssueChange, evaluateMetricAlert, rulesOutboxHandler, issueSubject, suggestedScripts, type EvaluationRecord, type EvaluationDecision, type EvaluationReasons } from "./engine";
export { previewRule, previewPayload, PREVIEW_ISSUES, type RulePreview, type PreviewMatch } from "./preview";
export { exportRules, importRules, importInput, EXPORT_FORMAT, type RulesExport } from "./io";
export { ensureDefaultRules, resetDefaultRulesMemoForTests, DEFAULT_RULES } from "./defaults";
export type { RuleSubject, IssueFacts, EventFacts, MetricAlertFacts } from "./subject";
export { ruleUpdateInput, ruleEnabledInput, ruleRollbackInput, ruleReorderInput, rulePreviewInput } from "./inputs";
