import { NUMERIC_FIELDS, type ConditionField, type ConditionOperator, type RuleCondition } from "./model";

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
