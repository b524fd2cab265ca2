"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { ScriptInfo } from "@/lib/jobs/catalog";
import { SubmitJobForm, type IssueRef } from "./submit-job-form";

/**
 * "Run remediation" for one issue: pick a script, confirm, then follow the job. The script
 * list loads when the dialog opens.
 */
export function RunRemediationButton({ issue, suggested = [], compact = false }: { issue: IssueRef; suggested?: string[]; compact?: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const scripts = useQuery({ queryKey: ["scripts"], queryFn: () => apiFetch<{ scripts: ScriptInfo[] }>("/api/scripts"), enabled: open, staleTime: 60_000 });
  return (
    <>
      {compact ? (
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="relative z-10 rounded-md border border-border bg-surface px-2 py-1 text-xs font-medium text-ink hover:bg-canvas"
          aria-label={`Run remediation for ${issue.title}`}
        >
          Run…
        </button>
      ) : (
        <Button className="w-full" onClick={() => setOpen(true)}>
          Run remediation
        </Button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title="Run remediation" wide>
        {scripts.isPending && <p className="text-sm text-muted">Loading scripts…</p>}
        {scripts.isError && <p className="text-sm text-danger">Could not load the scripts: {scripts.error.message}</p>}
        {scripts.data && (
          <div className="max-h-[70vh] overflow-y-auto pr-1">
            <SubmitJobForm scripts={scripts.data.scripts} issue={issue} suggested={suggested} onSubmitted={(job) => router.push(`/jobs/${job.id}`)} />
          </div>
        )}
      </Dialog>
    </>
  );
}
