"use client";

import { conditionValueFromText, conditionValueText, operatorsFor } from "@/lib/rules/editor-draft";
import { CONDITION_FIELDS, FIELD_LABELS, OPERATOR_LABELS, type ConditionField, type ConditionOperator, type RuleCondition, type RuleConditions } from "@/lib/rules/model";

const control = "block w-full rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm text-ink focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 aria-invalid:border-danger disabled:bg-canvas";

type Condition = RuleCondition;

/** Groups of conditions, each group and the whole combined with all / any. Errors arrive keyed by their API path. */
export function ConditionBuilder({ value, onChange, errors, readOnly }: { value: RuleConditions; onChange: (value: RuleConditions) => void; errors: Record<string, string>; readOnly: boolean }) {
  const setGroup = (index: number, group: RuleConditions["groups"][number]) => onChange({ ...value, groups: value.groups.map((current, i) => (i === index ? group : current)) });
  return (
    <div className="space-y-3">
      {value.groups.length > 1 && (
        <MatchSelect label="Match" value={value.match} onChange={(match) => onChange({ ...value, match })} disabled={readOnly} suffix="of the groups below" />
      )}
      {value.groups.length === 0 && <p className="rounded-md bg-canvas px-3 py-2 text-sm text-muted">No conditions: the rule matches every issue of its trigger.</p>}
      {value.groups.map((group, g) => (
        <fieldset key={g} className="space-y-2 rounded-md border border-border p-3" aria-label={`Condition group ${g + 1}`}>
          <div className="flex items-center justify-between gap-2">
            <MatchSelect label={`Group ${g + 1}: match`} value={group.match} onChange={(match) => setGroup(g, { ...group, match })} disabled={readOnly} suffix="of these conditions" />
            {!readOnly && (
              <button type="button" className="text-xs text-muted hover:text-danger" onClick={() => onChange({ ...value, groups: value.groups.filter((_, i) => i !== g) })}>
                Remove group
              </button>
            )}
          </div>
          {group.conditions.map((condition, i) => (
            <ConditionRow
              key={i}
              condition={condition}
              path={`conditions.groups.${g}.conditions.${i}`}
              errors={errors}
              readOnly={readOnly}
              onChange={(next) => setGroup(g, { ...group, conditions: group.conditions.map((current, j) => (j === i ? next : current)) })}
              onRemove={() => setGroup(g, { ...group, conditions: group.conditions.filter((_, j) => j !== i) })}
            />
          ))}
          {!readOnly && (
            <button type="button" className="text-sm font-medium text-brand hover:underline" onClick={() => setGroup(g, { ...group, conditions: [...group.conditions, { field: "title", operator: "contains", value: "" }] })}>
              + Add condition
            </button>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <button type="button" className="text-sm font-medium text-brand hover:underline" onClick={() => onChange({ ...value, groups: [...value.groups, { match: "all", conditions: [{ field: "title", operator: "contains", value: "" }] }] })}>
          + Add condition group
        </button>
      )}
    </div>
  );
}

function MatchSelect({ label, value, onChange, disabled, suffix }: { label: string; value: "all" | "any"; onChange: (value: "all" | "any") => void; disabled: boolean; suffix: string }) {
  return (
    <label className="flex items-center gap-2 text-sm text-ink">
      <span className="font-medium">{label}</span>
      <select value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as "all" | "any")} className="rounded-md border border-border bg-surface px-2 py-1 text-sm">
        <option value="all">all</option>
        <option value="any">any</option>
      </select>
      <span className="text-muted">{suffix}</span>
    </label>
  );
}

function ConditionRow({ condition, path, errors, readOnly, onChange, onRemove }: { condition: Condition; path: string; errors: Record<string, string>; readOnly: boolean; onChange: (condition: Condition) => void; onRemove: () => void }) {
  const operators = operatorsFor(condition.field);
  const error = errors[`${path}.value`] ?? errors[`${path}.tag`] ?? errors[`${path}.operator`] ?? errors[`${path}.field`] ?? errors[path];
  const setField = (field: ConditionField) => {
    const operator = operatorsFor(field).includes(condition.operator) ? condition.operator : operatorsFor(field)[0]!;
    onChange({ ...condition, field, operator, value: conditionValueFromText(field, operator, conditionValueText(condition.value)) });
  };
  const setOperator = (operator: ConditionOperator) => onChange({ ...condition, operator, value: conditionValueFromText(condition.field, operator, conditionValueText(condition.value)) });
  return (
    <div className="space-y-1" data-testid="condition-row">
      <div className="grid gap-2 sm:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1.5fr)_auto]">
        <div className="flex gap-2">
          <select aria-label="Field" value={condition.field} disabled={readOnly} onChange={(event) => setField(event.target.value as ConditionField)} className={control}>
            {CONDITION_FIELDS.map((field) => (
              <option key={field} value={field}>
                {FIELD_LABELS[field]}
              </option>
            ))}
          </select>
          {condition.field === "tag" && (
            <input aria-label="Tag key" placeholder="tag key" value={condition.tag ?? ""} disabled={readOnly} onChange={(event) => onChange({ ...condition, tag: event.target.value })} className={`${control} max-w-32 font-mono`} aria-invalid={errors[`${path}.tag`] ? true : undefined} />
          )}
        </div>
        <select aria-label="Operator" value={condition.operator} disabled={readOnly} onChange={(event) => setOperator(event.target.value as ConditionOperator)} className={control}>
          {operators.map((operator) => (
            <option key={operator} value={operator}>
              {OPERATOR_LABELS[operator]}
            </option>
          ))}
        </select>
        <input
          aria-label="Value"
          value={conditionValueText(condition.value)}
          disabled={readOnly}
          placeholder={condition.operator === "in" ? "a, b, c" : condition.operator === "matches" ? "RE2 regex, (?i) for any case" : ""}
          onChange={(event) => onChange({ ...condition, value: conditionValueFromText(condition.field, condition.operator, event.target.value) })}
          className={`${control} ${condition.operator === "matches" ? "font-mono" : ""}`}
          aria-invalid={error ? true : undefined}
        />
        {!readOnly && (
          <button type="button" onClick={onRemove} className="rounded-md px-2 text-muted hover:bg-canvas hover:text-danger" aria-label="Remove condition">
            ×
          </button>
        )}
      </div>
      {error && (
        <p className="text-xs text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
