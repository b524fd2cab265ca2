"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ArgsForm } from "@/components/jobs/args-form";
import { TierBadge } from "@/components/jobs/job-badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { ApiError, apiFetch } from "@/lib/api-client";
import { argFields, argsFromValues, initialArgValues } from "@/lib/jobs/args-form";
import type { ScriptInfo } from "@/lib/jobs/catalog";
import { CLASS_LABELS, type PriorityClass, type Tier } from "@/lib/jobs/model";
import { FIELD_LABELS, OPERATOR_LABELS, RULE_TRIGGERS, TRIGGER_LABELS, type RuleConditions, type RuleSafety, type RuleTrigger } from "@/lib/rules/model";
import { previewBlocker } from "@/lib/rules/editor-draft";
import type { PreviewMatch, RulePreview } from "@/lib/rules/preview";
import { ConditionBuilder } from "./condition-builder";

/** The editable content of a rule, as the editor holds it. */
export interface RuleDraftState {
  name: string;
  description: string;
  enabled: boolean;
  trigger: RuleTrigger;
  conditions: RuleConditions;
  action: { script: string; tier: Tier; namespace: string; priorityClass: PriorityClass; args: Record<string, unknown>; resolveIssueOnSuccess: boolean };
  safety: RuleSafety;
  stopAfterMatch: boolean;
  dryRun: boolean;
  requiresApproval: boolean;
}

export const NEW_RULE: RuleDraftState = {
  name: "",
  description: "",
  enabled: true,
  trigger: "issue_created",
  conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "" }] }] },
  action: { script: "noop", tier: "nonprod", namespace: "default", priorityClass: "B", args: {}, resolveIssueOnSuccess: false },
  safety: { cooldownMinutes: 30, maxJobsPerWindow: 10, windowMinutes: 60, oneUntilResolved: true },
  stopAfterMatch: false,
  dryRun: false,
  requiresApproval: false,
};

const PLACEHOLDER_HINT = "Text arguments may use {{issue.title}}, {{issue.culprit}}, {{issue.project}}, {{issue.environment}}, {{issue.sentryId}}, {{issue.type}}, {{event.release}}, {{event.tags.<key>}} (metric alerts: {{alert.title}}, {{alert.status}}).";

/**
 * The rule editor: conditions, action (a script's args form generated from its schema, with
 * placeholders), safety, and a live preview against the last 500 issues or a pasted Sentry
 * payload. Server validation errors land on their field.
 */
export function RuleEditor({ ruleId, revision, initial, scripts, canEdit }: { ruleId?: string; revision?: number; initial: RuleDraftState; scripts: ScriptInfo[]; canEdit: boolean }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const script = scripts.find((candidate) => candidate.name === draft.action.script);
  const fields = argFields(script?.argsSchema);
  const [argValues, setArgValues] = useState<Record<string, unknown>>(() => ({ ...initialArgValues(fields), ...textArgs(initial.action.args) }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [payload, setPayload] = useState("");

  const update = (changes: Partial<RuleDraftState>) => setDraft((current) => ({ ...current, ...changes }));
  const setAction = (changes: Partial<RuleDraftState["action"]>) => setDraft((current) => ({ ...current, action: { ...current.action, ...changes } }));
  const { args, problem } = argsFromValues(fields, argValues);
  const ruleBody = { ...draft, action: { ...draft.action, args } };

  // The preview follows the draft, a moment after typing stops, and only a complete draft:
  // the API would refuse the rest (422).
  const blocker = problem ? null : previewBlocker(ruleBody, fields);
  const nextBody = problem || blocker ? null : JSON.stringify({ rule: ruleBody, ...(payload.trim() ? { payload: safeJson(payload) } : {}) });
  const [previewBody, setPreviewBody] = useState(nextBody);
  useEffect(() => {
    if (nextBody === null) return;
    const timer = setTimeout(() => setPreviewBody(nextBody), 600);
    return () => clearTimeout(timer);
  }, [nextBody]);
  const preview = useQuery({
    queryKey: ["rule-preview", previewBody],
    queryFn: () => apiFetch<RulePreview | { payload: PreviewMatch }>("/api/rules/preview", { method: "POST", body: JSON.parse(previewBody!) }),
    enabled: canEdit && nextBody !== null && previewBody !== null,
    retry: false,
    placeholderData: (previous) => previous,
  });

  const chooseScript = (name: string) => {
    const next = scripts.find((candidate) => candidate.name === name);
    setArgValues(initialArgValues(argFields(next?.argsSchema)));
    const tier = next && !next.allowedTiers.includes(draft.action.tier) ? next.allowedTiers[0]! : draft.action.tier;
    setDraft((current) => ({ ...current, action: { ...current.action, script: name, tier }, requiresApproval: tier === "prod" ? true : current.requiresApproval }));
  };

  const save = async () => {
    if (problem) {
      setErrors({ [`action.${problem.field}`]: problem.message });
      return;
    }
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const result = ruleId
        ? await apiFetch<{ rule: { id: string } }>(`/api/rules/${ruleId}`, { method: "PUT", body: { rule: ruleBody, expectedRevision: revision } })
        : await apiFetch<{ rule: { id: string } }>("/api/rules", { method: "POST", body: ruleBody });
      router.push(`/rules/${result.rule.id}?saved=1`);
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.field) {
        setErrors({ [error.field]: error.message });
        setFormError(`Not saved: ${error.message}`);
      } else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const previewError = preview.error instanceof ApiError ? preview.error : null;
  return (
    <div className="grid gap-6 xl:grid-cols-5">
      <form
        className="space-y-6 xl:col-span-3"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Card title="Rule">
          <div className="space-y-4">
            <TextField label="Name" value={draft.name} disabled={!canEdit} onChange={(event) => update({ name: event.target.value })} error={errors.name} />
            <TextField label="Description" value={draft.description} disabled={!canEdit} onChange={(event) => update({ description: event.target.value })} error={errors.description} />
            <SelectField
              label="Trigger"
              value={draft.trigger}
              disabled={!canEdit}
              onChange={(event) => update({ trigger: event.target.value as RuleTrigger })}
              error={errors.trigger}
              options={RULE_TRIGGERS.map((trigger) => ({ value: trigger, label: TRIGGER_LABELS[trigger] }))}
            />
          </div>
        </Card>

        <Card title="Conditions">
          <ConditionBuilder value={draft.conditions} onChange={(conditions) => update({ conditions })} errors={errors} readOnly={!canEdit} />
          <p className="mt-3 text-xs text-muted">Text comparisons ignore case. “matches regex” uses RE2 (linear time, no lookarounds); add (?i) to ignore case.</p>
        </Card>

        <Card title="Action">
          <div className="space-y-4">
            <div className="space-y-1">
              <SelectField
                label="Script"
                value={draft.action.script}
                disabled={!canEdit}
                onChange={(event) => chooseScript(event.target.value)}
                error={errors["action.script"]}
                options={scripts.map((candidate) => ({ value: candidate.name, label: `${candidate.title}${candidate.configured.ok ? "" : " (not configured)"}` }))}
              />
              {script && <p className="text-xs text-muted">{script.description}</p>}
              {script && !script.configured.ok && <Alert tone="warn">Not configured yet: {script.configured.reason}</Alert>}
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-ink">Tier</legend>
              <div className="flex gap-2">
                {(["nonprod", "prod"] as const).map((tier) => (
                  <label key={tier} className={`flex flex-1 items-center gap-2 rounded-md border px-3 py-2 text-sm ${draft.action.tier === tier ? "border-brand bg-indigo-50/50" : "border-border"} ${script?.allowedTiers.includes(tier) ? "" : "opacity-50"}`}>
                    <input
                      type="radio"
                      name="rule-tier"
                      checked={draft.action.tier === tier}
                      disabled={!canEdit || !script?.allowedTiers.includes(tier)}
                      onChange={() => setDraft((current) => ({ ...current, action: { ...current.action, tier }, requiresApproval: tier === "prod" ? true : current.requiresApproval }))}
                      className="accent-brand"
                    />
                    <TierBadge tier={tier} />
                  </label>
                ))}
              </div>
              {errors["action.tier"] && <p className="text-xs text-danger" role="alert">{errors["action.tier"]}</p>}
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="Namespace" value={draft.action.namespace} disabled={!canEdit} onChange={(event) => setAction({ namespace: event.target.value })} error={errors["action.namespace"]} />
              <SelectField
                label="Priority class"
                value={draft.action.priorityClass}
                disabled={!canEdit}
                onChange={(event) => setAction({ priorityClass: event.target.value as PriorityClass })}
                options={(["A", "B", "C"] as const).map((value) => ({ value, label: CLASS_LABELS[value] }))}
              />
            </div>
            <div className="rounded-lg border border-border p-4">
              <h3 className="mb-1 text-sm font-semibold text-ink">Arguments</h3>
              <p className="mb-3 text-xs text-muted">{PLACEHOLDER_HINT}</p>
              <fieldset disabled={!canEdit}>
                <ArgsForm fields={fields} values={argValues} errors={errors} onChange={setArgValues} errorPrefix="action.args." />
              </fieldset>
            </div>
          </div>
        </Card>

        <Card title="Safety">
          <fieldset disabled={!canEdit} className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-3">
              <NumberField label="Cooldown per issue (min)" value={draft.safety.cooldownMinutes} onChange={(cooldownMinutes) => update({ safety: { ...draft.safety, cooldownMinutes } })} error={errors["safety.cooldownMinutes"]} />
              <NumberField label="At most jobs" value={draft.safety.maxJobsPerWindow} onChange={(maxJobsPerWindow) => update({ safety: { ...draft.safety, maxJobsPerWindow } })} error={errors["safety.maxJobsPerWindow"]} />
              <NumberField label="per window (min)" value={draft.safety.windowMinutes} onChange={(windowMinutes) => update({ safety: { ...draft.safety, windowMinutes } })} error={errors["safety.windowMinutes"]} />
            </div>
            <Check label="One until resolved: no new job for an issue while one is active, nor until it is resolved and regresses" checked={draft.safety.oneUntilResolved} onChange={(oneUntilResolved) => update({ safety: { ...draft.safety, oneUntilResolved } })} />
            <Check
              label="Resolve in Sentry on success, then verify: a regression or new event within REMEDIATION_VERIFY_MINUTES marks the remediation ineffective and reopens the issue"
              checked={draft.action.resolveIssueOnSuccess}
              onChange={(resolveIssueOnSuccess) => setAction({ resolveIssueOnSuccess })}
            />
            <Check label="Requires approval by an operator (on by default for prod)" checked={draft.requiresApproval} onChange={(requiresApproval) => update({ requiresApproval })} />
            <Check label="Dry-run: record what it would do, submit nothing" checked={draft.dryRun} onChange={(dryRun) => update({ dryRun })} />
            <Check label="Stop after match: later rules are not evaluated when this one matches" checked={draft.stopAfterMatch} onChange={(stopAfterMatch) => update({ stopAfterMatch })} />
            <Check label="Enabled" checked={draft.enabled} onChange={(enabled) => update({ enabled })} />
          </fieldset>
        </Card>

        {formError && <Alert tone="danger">{formError}</Alert>}
        {canEdit && (
          <div className="flex items-center justify-end gap-3">
            <Link href={ruleId ? `/rules/${ruleId}` : "/rules"} className="text-sm font-medium text-muted hover:text-ink">
              Cancel
            </Link>
            <Button type="submit" busy={saving}>
              {ruleId ? "Save as new revision" : "Create rule"}
            </Button>
          </div>
        )}
      </form>

      {canEdit && (
        <div className="space-y-6 xl:col-span-2">
          <Card title="Live preview" action={preview.isFetching ? <span className="text-xs text-muted">updating…</span> : undefined}>
            <div className="space-y-3" data-testid="rule-preview">
              {problem && <p className="text-sm text-warn">Fix {problem.field}: {problem.message}</p>}
              {blocker && (
                <div>
                  <p className="text-sm font-medium text-ink">Complete the rule to preview</p>
                  <p className="text-xs text-muted">Still to do: {blocker}.</p>
                </div>
              )}
              {nextBody !== null && previewError && <p className="text-sm text-warn">Preview needs a valid rule: {previewError.message}</p>}
              {nextBody !== null && preview.data && "payload" in preview.data && <PreviewRow match={preview.data.payload} />}
              {nextBody !== null && preview.data && "evaluated" in preview.data && <PreviewList preview={preview.data} />}
            </div>
          </Card>
          <Card title="Test against a Sentry payload">
            <label className="block space-y-1 text-sm">
              <span className="text-muted">Paste a webhook body (issue, event_alert or error); the preview above then shows this payload only.</span>
              <textarea value={payload} onChange={(event) => setPayload(event.target.value)} rows={6} className="block w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs" aria-label="Sentry payload" placeholder='{"action": "created", "data": {"issue": {...}}}' />
            </label>
            {payload.trim() && safeJson(payload) === undefined && <p className="mt-1 text-xs text-danger">This is not valid JSON yet.</p>}
          </Card>
        </div>
      )}
    </div>
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Stored args as the form's values: text stays text (placeholders included). */
function textArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => [key, value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value as Record<string, string>).map(([k, v]) => ({ key: k, value: v })) : typeof value === "number" ? String(value) : value]),
  );
}

function PreviewList({ preview }: { preview: RulePreview }) {
  const matches = preview.results.filter((result) => result.matched);
  return (
    <>
      <p className="text-sm font-medium text-ink" aria-live="polite" data-testid="preview-count">
        Matches {preview.matched} of the last {preview.evaluated} issues
      </p>
      {preview.evaluated === 0 && <p className="text-sm text-muted">No issues yet: paste a Sentry payload below to test the rule.</p>}
      <ul className="max-h-[32rem] divide-y divide-border overflow-y-auto">
        {matches.map((match) => (
          <li key={match.issue.id} className="py-2">
            <PreviewRow match={match} />
          </li>
        ))}
        {matches.length === 0 && preview.results.slice(0, 5).map((match) => (
          <li key={match.issue.id} className="py-2">
            <PreviewRow match={match} />
          </li>
        ))}
      </ul>
    </>
  );
}

function PreviewRow({ match }: { match: PreviewMatch }) {
  return (
    <div className="space-y-1 text-sm">
      <div className="flex items-start justify-between gap-2">
        <p className="min-w-0 truncate font-medium text-ink" title={match.issue.title}>
          {match.issue.shortId ? `${match.issue.shortId} · ` : ""}
          {match.issue.title}
        </p>
        <Badge tone={match.matched ? "ok" : "neutral"}>{match.matched ? "matches" : "no match"}</Badge>
      </div>
      <ul className="text-xs">
        {match.conditions.map((condition, index) => (
          <li key={index} className={condition.matched ? "text-ok" : "text-muted"}>
            {condition.matched ? "✓" : "✗"} {FIELD_LABELS[condition.field as keyof typeof FIELD_LABELS] ?? condition.field} {OPERATOR_LABELS[condition.operator as keyof typeof OPERATOR_LABELS]} {Array.isArray(condition.expected) ? condition.expected.join(", ") : String(condition.expected)} — was {condition.actual ?? "absent"}
          </li>
        ))}
      </ul>
      {match.matched && match.argsError && <p className="text-xs text-danger">Args: {match.argsError}</p>}
      {match.matched && !match.argsError && match.args !== null && <p className="truncate font-mono text-xs text-muted">args {JSON.stringify(match.args)}</p>}
    </div>
  );
}

function NumberField({ label, value, onChange, error }: { label: string; value: number; onChange: (value: number) => void; error?: string }) {
  return <TextField label={label} type="number" min={0} value={String(value)} onChange={(event) => onChange(Number(event.target.value))} error={error} />;
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-start gap-2 text-sm text-ink">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="mt-0.5 size-4 accent-brand" />
      {label}
    </label>
  );
}
