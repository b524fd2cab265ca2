"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { apiFetch } from "@/lib/api-client";
import type { RuleRevisionView } from "@/lib/rules/queries";

/** Every saved revision with who, when and what changed; admins roll back to one. */
export function RevisionList({ ruleId, current, revisions, canAdmin }: { ruleId: string; current: number; revisions: RuleRevisionView[]; canAdmin: boolean }) {
  const router = useRouter();
  const [target, setTarget] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ol className="space-y-4 text-sm" aria-label="Revisions">
        {revisions.map((revision) => (
          <li key={revision.revision} className="space-y-1" data-testid="revision">
            <div className="flex items-center justify-between gap-2">
              <p className="font-medium text-ink">
                Revision {revision.revision}
                {revision.revision === current && <span className="ml-2 text-xs font-normal text-ok">current</span>}
              </p>
              {canAdmin && revision.revision !== current && (
                <button type="button" className="text-xs font-medium text-brand hover:underline" onClick={() => setTarget(revision.revision)}>
                  Roll back to this
                </button>
              )}
            </div>
            <p className="text-xs text-muted">
              {revision.createdAt.slice(0, 16).replace("T", " ")} UTC by {revision.author ?? "system"}
              {revision.note ? ` · ${revision.note}` : ""}
            </p>
            {revision.changes.length > 0 && (
              <ul className="space-y-0.5 rounded-md bg-canvas px-2 py-1.5 font-mono text-xs text-ink">
                {revision.changes.map((change) => (
                  <li key={change} className="break-all">
                    {change}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {error && <Alert tone="danger">{error}</Alert>}
      <ConfirmDialog
        open={target !== null}
        title={`Roll back to revision ${target}?`}
        confirmLabel="Roll back"
        busy={busy}
        error={error}
        onClose={() => setTarget(null)}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          try {
            await apiFetch(`/api/rules/${ruleId}/rollback`, { method: "POST", body: { revision: target } });
            setTarget(null);
            router.refresh();
          } catch (caught) {
            setError(caught instanceof Error ? caught.message : String(caught));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>Its content is saved again as a new revision; nothing is deleted.</p>
      </ConfirmDialog>
    </>
  );
}
