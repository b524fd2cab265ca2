import type { ArgField } from "@/lib/jobs/args-form";
import { NUMERIC_FIELDS, ruleInput, type ConditionField, type ConditionOperator, type RuleCondition } from "./model";

/** Operators that make sense for a field (numbers compare; text matches). */
export function operatorsFor(field: ConditionField): ConditionOperator[] {
  return NUMERIC_FIELDS.includes(field) ? ["equals", "not_equals", "gt", "lt"] : ["equals", "not_equals", "contains", "starts_with", "matches", "in"];
}

/** Pure: the editor's text box for a condition's value. Lists are comma-separated. */
export function conditionValueText(value: RuleCondition["value"]): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** Pure: the editor's text back as the value the API expects for this field and operator. */
export function conditionValueFromText(field: ConditionField, operator: ConditionOperator, text: string): RuleCondition["value"] {
  if (operator === "in") return text.split(",").map((item) => item.trim()).filter(Boolean);
  if (operator === "gt" || operator === "lt" || NUMERIC_FIELDS.includes(field)) {
    const number = Number(text.trim());
    return text.trim() !== "" && Number.isFinite(number) ? number : text;
  }
  return text;
}

/**
 * Pure: what keeps a draft from being previewed (the first thing, in words), or null when it
 * can be. Checked with the schema the API parses (`ruleInput`), so the editor does not send a
 * draft the preview would refuse (a 422 on every new rule's first render), plus what the API
 * accepts but a preview cannot mean yet: a condition with no value, a required argument left
 * empty (`args` are the draft's, `fields` its script's).
 */
export function previewBlocker(rule: unknown, fields: ArgField[]): string | null {
  const parsed = ruleInput.safeParse(rule);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return issue.path.length > 0 ? `${issue.path.join(".")} ${issue.message}` : issue.message;
  }
  const conditions = parsed.data.conditions.groups.flatMap((group) => group.conditions);
  const empty = conditions.findIndex((condition) => typeof condition.value === "string" && condition.value.trim() === "");
  if (empty >= 0) return conditions.length > 1 ? `condition ${empty + 1} has no value yet` : "the condition has no value yet";
  const args = parsed.data.action.args;
  const missing = fields.find((field) => field.required && (args[field.name] === undefined || args[field.name] === ""));
  if (missing) return `argument ${missing.name} is required`;
  return null;
}
