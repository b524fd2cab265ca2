"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { ApiError, apiFetch } from "@/lib/api-client";
import { argFields, argsFromValues, initialArgValues } from "@/lib/jobs/args-form";
import type { ScriptInfo } from "@/lib/jobs/catalog";
import { defaultRemediationScript, remediationScriptMenu } from "@/lib/jobs/script-choice";
import { CLASS_LABELS, type PriorityClass, type Tier } from "@/lib/jobs/model";
import type { JobView } from "@/lib/jobs/views";
import { ArgsForm } from "./args-form";
import { TierBadge } from "./job-badges";

export interface IssueRef {
  id: string;
  title: string;
  shortId: string | null;
}

/**
 * Manual submission: a script, its args (a form generated from its schema), tier, namespace
 * and class. Production asks for an explicit confirmation. Server errors land on their field.
 * Scripts this installation cannot run are listed, disabled, with what to configure; the form
 * starts on a configured script the rules suggest, or on none.
 */
export function SubmitJobForm({ scripts, issue, suggested = [], onSubmitted }: { scripts: ScriptInfo[]; issue?: IssueRef; suggested?: string[]; onSubmitted?: (job: JobView) => void }) {
  const router = useRouter();
  const menu = remediationScriptMenu(scripts, { hasIssue: Boolean(issue) });
  const [scriptName, setScriptName] = useState(() => defaultRemediationScript(menu.runnable, suggested) ?? "");
  const script = menu.runnable.find((candidate) => candidate.name === scriptName);
  const fields = argFields(script?.argsSchema);
  const [values, setValues] = useState<Record<string, unknown>>(() => initialArgValues(fields));
  // Non-production unless the script allows production only.
  const [tier, setTier] = useState<Tier>(script && !script.allowedTiers.includes("nonprod") ? "prod" : "nonprod");
  const [namespace, setNamespace] = useState("default");
  const [priorityClass, setPriorityClass] = useState<PriorityClass>("B");
  const [requiresApproval, setRequiresApproval] = useState(false);
  // Off by default: resolving tells Sentry the problem is fixed, which only the operator can
  // vouch for in a manual run (a demo `sleep` once resolved a fatal production issue). Rules
  // carry their own resolveIssueOnSuccess.
  const [resolveIssueOnSuccess, setResolveIssueOnSuccess] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  // Set once React owns the form: a choice made before hydration would be reset by it.
  const [ready, setReady] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- marks the first client render, once
  useEffect(() => setReady(true), []);

  const chooseScript = (name: string) => {
    const next = menu.runnable.find((candidate) => candidate.name === name);
    setScriptName(name);
    setValues(initialArgValues(argFields(next?.argsSchema)));
    if (next && !next.allowedTiers.includes(tier)) setTier(next.allowedTiers[0]!);
    setErrors({});
    setFormError(null);
  };

  const submit = async () => {
    if (!script) return;
    const { args, problem } = argsFromValues(fields, values);
    if (problem) {
      setErrors({ [problem.field]: problem.message });
      setConfirming(false);
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const { job } = await apiFetch<{ job: JobView }>("/api/jobs", {
        method: "POST",
        body: { script: script.name, tier, namespace, priorityClass, args, issueId: issue?.id, requiresApproval: requiresApproval || undefined, resolveIssueOnSuccess: (issue && resolveIssueOnSuccess) || undefined },
      });
      setConfirming(false);
      if (onSubmitted) onSubmitted(job);
      else router.push(`/jobs/${job.id}`);
    } catch (error) {
      setConfirming(false);
      if (error instanceof ApiError && error.field) setErrors({ [error.field]: error.message });
      else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  if (menu.runnable.length + menu.notConfigured.length === 0) return <Alert tone="warn">No script can run here.</Alert>;
  const suggestedMark = (candidate: ScriptInfo) => (suggested.includes(candidate.name) ? " — suggested" : "");
  return (
    <>
      <form
        data-ready={ready || undefined}
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!script) return;
          if (tier === "prod") setConfirming(true);
          else void submit();
        }}
      >
        {issue && (
          <p className="rounded-md bg-canvas px-3 py-2 text-sm text-muted">
            For issue <span className="font-medium text-ink">{issue.shortId ? `${issue.shortId} · ` : ""}{issue.title}</span>
          </p>
        )}
        <div className="space-y-1">
          <SelectField
            label="Script"
            value={scriptName}
            onChange={(event) => chooseScript(event.target.value)}
            error={errors.script}
            placeholder="Choose a script"
            options={menu.runnable.map((candidate) => ({ value: candidate.name, label: `${candidate.title}${suggestedMark(candidate)}` }))}
            groups={[
              {
                label: "Not configured",
                disabled: true,
                options: menu.notConfigured.map((candidate) => ({ value: candidate.name, label: `${candidate.title}${suggestedMark(candidate)}: ${candidate.configured.reason}` })),
              },
            ]}
          />
          {script && <p className="text-xs text-muted">{script.description}</p>}
          {menu.runnable.length === 0 && <Alert tone="warn">No script is configured to run here yet; each one in the list says what to set.</Alert>}
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-ink">Tier</legend>
          <div className="flex gap-2">
            {(["nonprod", "prod"] as const).map((option) => {
              // Until a script is chosen either tier may be picked; choosing one corrects it.
              const allowed = script?.allowedTiers.includes(option) ?? true;
              return (
                <label key={option} className={`flex flex-1 cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm ${tier === option ? "border-brand bg-indigo-50/50" : "border-border"} ${allowed ? "" : "cursor-not-allowed opacity-50"}`}>
                  <input type="radio" name="tier" value={option} checked={tier === option} disabled={!allowed} onChange={() => setTier(option)} className="accent-brand" />
                  <TierBadge tier={option} />
                  <span className="text-muted">{option === "prod" ? "Production: asks to confirm" : "Staging, preview, CI"}</span>
                </label>
              );
            })}
          </div>
          {errors.tier && <p className="text-xs text-danger" role="alert">{errors.tier}</p>}
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Namespace" value={namespace} onChange={(event) => setNamespace(event.target.value)} error={errors.namespace} hint="Groups jobs for concurrency limits, e.g. a service or team." />
          <SelectField
            label="Priority class"
            value={priorityClass}
            onChange={(event) => setPriorityClass(event.target.value as PriorityClass)}
            options={(["A", "B", "C"] as const).map((value) => ({ value, label: CLASS_LABELS[value] }))}
          />
        </div>

        <div className="rounded-lg border border-border p-4">
          <h3 className="mb-3 text-sm font-semibold text-ink">Arguments</h3>
          {script ? <ArgsForm fields={fields} values={values} errors={errors} onChange={setValues} /> : <p className="text-sm text-muted">Choose a script to see its arguments.</p>}
        </div>

        <label className="flex items-center gap-2 text-sm text-ink">
          <input type="checkbox" checked={requiresApproval} onChange={(event) => setRequiresApproval(event.target.checked)} className="size-4 accent-brand" />
          Hold for approval by another operator before it runs
        </label>

        {issue && (
          <label className="flex items-start gap-2 text-sm text-ink">
            <input type="checkbox" checked={resolveIssueOnSuccess} onChange={(event) => setResolveIssueOnSuccess(event.target.checked)} className="mt-0.5 size-4 accent-brand" />
            <span>
              Resolve the issue in Sentry when this succeeds
              <span className="block text-xs text-muted">Then it is watched for a while: a regression or a new event marks the remediation ineffective and reopens the issue.</span>
            </span>
          </label>
        )}

        {formError && <Alert tone="danger">{formError}</Alert>}
        {Object.entries(errors).some(([field]) => !["script", "tier", "namespace"].includes(field) && !field.startsWith("args.")) && (
          <Alert tone="danger">{Object.values(errors).join(" ")}</Alert>
        )}
        <div className="flex items-center justify-end gap-3">
          {!onSubmitted && (
            <Link href="/jobs" className="text-sm font-medium text-muted hover:text-ink">
              Cancel
            </Link>
          )}
          <Button type="submit" variant={tier === "prod" ? "danger" : "primary"} busy={busy && !confirming} disabled={!script}>
            {tier === "prod" ? "Run on production…" : "Run remediation"}
          </Button>
        </div>
      </form>

      <ConfirmDialog
        open={confirming}
        title="Run on production?"
        confirmLabel="Run on production"
        tone="danger"
        typeToConfirm="prod"
        busy={busy}
        onConfirm={() => void submit()}
        onClose={() => setConfirming(false)}
      >
        <p>
          <strong className="text-ink">{script?.title}</strong> will run against production
          {namespace !== "default" ? ` (namespace ${namespace})` : ""}
          {requiresApproval ? " once another operator approves it" : " as soon as a worker is free"}.
          {issue && resolveIssueOnSuccess ? " When it succeeds, the issue is resolved in Sentry." : ""}
        </p>
      </ConfirmDialog>
    </>
  );
}
