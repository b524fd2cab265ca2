"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RelativeTime } from "@/components/issues/relative-time";
import { ClassBadge, TierBadge } from "@/components/jobs/job-badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { apiFetch } from "@/lib/api-client";
import { FIELD_LABELS, OPERATOR_LABELS, TRIGGER_LABELS } from "@/lib/rules/model";
import type { RuleListItem } from "@/lib/rules/queries";

function conditionSummary(rule: RuleListItem): string {
  const parts = rule.conditions.groups.flatMap((group) =>
    group.conditions.map((condition) => `${FIELD_LABELS[condition.field]}${condition.tag ? ` ${condition.tag}` : ""} ${OPERATOR_LABELS[condition.operator]} ${Array.isArray(condition.value) ? condition.value.join(", ") : condition.value}`),
  );
  return parts.length ? parts.join(rule.conditions.groups.length > 1 || rule.conditions.groups[0]?.match === "any" ? " · " : " and ") : "every issue";
}

/** Rules in evaluation order: operators switch them on and off, admins reorder, import and export. */
export function RuleList({ rules, canOperate, canAdmin, serverNow }: { rules: RuleListItem[]; canOperate: boolean; canAdmin: boolean; serverNow: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Toggles show at once; a failed save puts the switch back.
  const [optimistic, setOptimistic] = useState<Record<string, boolean>>({});
  const isEnabled = (rule: RuleListItem) => optimistic[rule.id] ?? rule.enabled;
  const toggle = (rule: RuleListItem, enabled: boolean) => {
    setOptimistic((current) => ({ ...current, [rule.id]: enabled }));
    void act(`enable-${rule.id}`, () => apiFetch(`/api/rules/${rule.id}/enabled`, { method: "POST", body: { enabled } })).then((ok) => {
      if (!ok) setOptimistic((current) => ({ ...current, [rule.id]: !enabled }));
    });
  };

  const act = async (key: string, request: () => Promise<unknown>): Promise<boolean> => {
    setBusy(key);
    setError(null);
    try {
      await request();
      router.refresh();
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const move = (index: number, by: number) => {
    const ids = rules.map((rule) => rule.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    return act(`move-${index}`, () => apiFetch("/api/rules/reorder", { method: "POST", body: { ids } }));
  };

  return (
    <div className="space-y-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-sm">
        <table className="min-w-full divide-y divide-border text-sm">
          <caption className="sr-only">Remediation rules in evaluation order</caption>
          <thead className="bg-canvas">
            <tr>
              {["#", "Rule", "Trigger", "Action", "Hits 24 h", "Last fired", "Enabled"].map((heading) => (
                <th key={heading} scope="col" className="whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-muted">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rules.map((rule, index) => (
              <tr key={rule.id} data-testid="rule-row" className={isEnabled(rule) ? "" : "bg-canvas/60 text-muted"}>
                <td className="whitespace-nowrap px-4 py-3 align-top tabular-nums text-muted">
                  <div className="flex items-center gap-1">
                    {index + 1}
                    {canAdmin && (
                      <span className="ml-1 flex flex-col">
                        <button type="button" disabled={index === 0 || busy !== null} onClick={() => void move(index, -1)} aria-label={`Move ${rule.name} up`} className="px-1 text-xs leading-none hover:text-ink disabled:opacity-30">
                          ▲
                        </button>
                        <button type="button" disabled={index === rules.length - 1 || busy !== null} onClick={() => void move(index, 1)} aria-label={`Move ${rule.name} down`} className="px-1 text-xs leading-none hover:text-ink disabled:opacity-30">
                          ▼
                        </button>
                      </span>
                    )}
                  </div>
                </td>
                <td className="max-w-md px-4 py-3 align-top">
                  <Link href={`/rules/${rule.id}`} className="font-medium text-ink hover:text-brand">
                    {rule.name}
                  </Link>
                  <div className="mt-1 flex flex-wrap gap-1">
                    {rule.dryRun && <Badge tone="info">dry-run</Badge>}
                    {rule.requiresApproval && <Badge tone="warn">needs approval</Badge>}
                    {rule.stopAfterMatch && <Badge tone="neutral">stops after match</Badge>}
                  </div>
                  <p className="mt-1 line-clamp-2 text-xs text-muted" title={conditionSummary(rule)}>
                    When {conditionSummary(rule)}
                  </p>
                </td>
                <td className="whitespace-nowrap px-4 py-3 align-top text-muted">{TRIGGER_LABELS[rule.trigger]}</td>
                <td className="px-4 py-3 align-top">
                  <p className="font-mono text-xs text-ink">{rule.action.script}</p>
                  <div className="mt-1 flex gap-1">
                    <TierBadge tier={rule.action.tier} />
                    <ClassBadge priorityClass={rule.action.priorityClass} />
                  </div>
                </td>
                <td className="px-4 py-3 text-right align-top tabular-nums">{rule.hits24h}</td>
                <td className="whitespace-nowrap px-4 py-3 align-top text-muted">
                  <RelativeTime iso={rule.lastFiredAt} serverNow={serverNow} />
                </td>
                <td className="px-4 py-3 align-top">
                  <label className="inline-flex items-center gap-2">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={isEnabled(rule)}
                      disabled={!canOperate || busy !== null}
                      aria-label={`${isEnabled(rule) ? "Disable" : "Enable"} ${rule.name}`}
                      onChange={(event) => toggle(rule, event.target.checked)}
                      className="size-4 accent-brand"
                    />
                    <span className="text-xs">{isEnabled(rule) ? "on" : "off"}</span>
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Export (download) and import (paste or file, validated, all or nothing) for admins. */
export function RuleImportExport() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "danger"; text: string } | null>(null);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error("This is not JSON: paste a file made by Export.");
      }
      const result = await apiFetch<{ imported: number; replaced: number }>("/api/rules/import", { method: "POST", body: { ...(body as object), replace } });
      setMessage({ tone: "ok", text: `Imported ${result.imported} rule(s)${result.replaced ? `, replacing ${result.replaced}` : ""}.` });
      router.refresh();
    } catch (error) {
      setMessage({ tone: "danger", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <a href="/api/rules/export" download className="rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium text-ink hover:bg-canvas">
        Export
      </a>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Import
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Import rules" wide>
        <div className="space-y-3">
          <label className="block text-sm text-muted">
            Choose an export file, or paste one.
            <input
              type="file"
              accept="application/json,.json"
              className="mt-1 block text-sm"
              onChange={async (event) => {
                const file = event.target.files?.[0];
                if (file) setText(await file.text());
              }}
            />
          </label>
          <textarea value={text} onChange={(event) => setText(event.target.value)} rows={10} aria-label="Rules JSON" className="block w-full rounded-md border border-border px-3 py-2 font-mono text-xs" />
          <label className="flex items-center gap-2 text-sm text-ink">
            <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} className="size-4 accent-brand" />
            Replace the current rules (otherwise they are added)
          </label>
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Close
            </Button>
            <Button busy={busy} disabled={!text.trim()} onClick={() => void submit()}>
              Import
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
