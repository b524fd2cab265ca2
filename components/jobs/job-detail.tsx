"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/issues/relative-time";
import { formatExact } from "@/components/issues/time-format";
import { apiFetch } from "@/lib/api-client";
import { isTerminal } from "@/lib/jobs/model";
import type { JobDetail } from "@/lib/jobs/queries";
import type { JobLogView, JobView } from "@/lib/jobs/views";
import { LoopBadge } from "@/components/loop/loop-badge";
import type { LoopState } from "@/lib/loop/model";
import { ClassBadge, formatDuration, JobStatusBadge, TierBadge } from "./job-badges";

type Action = "cancel" | "approve" | "reject" | "retry";

/**
 * One job, kept live: the job refreshes every 2 s while it can still change, and its log is
 * tailed by line id. Operators get the actions its state allows, with a confirmation (typed,
 * for production).
 */
export function JobDetailView({ initial, canOperate, serverNow }: { initial: JobDetail; canOperate: boolean; serverNow: number }) {
  const id = initial.job.id;
  const detail = useQuery({
    queryKey: ["job", id],
    queryFn: () => apiFetch<JobDetail>(`/api/jobs/${id}`),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isTerminal(query.state.data.job.status) ? 30_000 : 2_000),
  });
  const data = detail.data;
  const { job } = data;
  return (
    <div className="space-y-6">
      <Header job={job} canOperate={canOperate} />
      {detail.isRefetchError && <Alert tone="warn">Could not refresh: {detail.error.message}. Showing the last data received.</Alert>}
      {job.error && job.status !== "succeeded" && (
        <Alert tone={job.status === "cancelled" ? "info" : "danger"}>
          <span className="font-medium">{job.status === "queued" ? "Last attempt failed (will retry): " : ""}</span>
          {job.error}
        </Alert>
      )}
      {job.sentryCommentError && <Alert tone="warn">{job.sentryCommentError}</Alert>}
      {job.loop && <LoopSummary loop={job.loop} serverNow={serverNow} />}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Logs jobId={id} initial={data.logs} truncated={data.logsTruncated} live={!isTerminal(job.status)} />
          <JsonCard title="Output" value={job.output} empty="No output yet." />
          <JsonCard title="Arguments" value={job.args} empty="No arguments." />
        </div>
        <div className="space-y-6">
          <Timeline job={job} attempts={data.attempts} serverNow={serverNow} />
          <Facts detail={data} serverNow={serverNow} />
        </div>
      </div>
    </div>
  );
}

const LOOP_SENTENCES: Record<LoopState, string> = {
  resolving: "Resolving the issue in Sentry.",
  verifying: "The issue was resolved; watching that it stays quiet.",
  verified: "The issue stayed quiet after it was resolved: this remediation worked.",
  ineffective: "The issue came back after it was resolved: this remediation did not hold.",
  resolve_failed: "The job succeeded but its issue could not be resolved in Sentry.",
};

/** The closed loop after success: resolving, then the quiet window, then the verdict. */
function LoopSummary({ loop, serverNow }: { loop: NonNullable<JobView["loop"]>; serverNow: number }) {
  const state = loop.state as LoopState;
  return (
    <Alert tone={state === "verified" ? "ok" : state === "ineffective" ? "danger" : state === "resolve_failed" ? "warn" : "info"}>
      <span className="mr-2 align-middle">
        <LoopBadge state={state} />
      </span>
      {LOOP_SENTENCES[state]}
      {state === "verifying" && loop.dueAt && (
        <>
          {" "}Verdict <RelativeTime iso={loop.dueAt} serverNow={serverNow} />.
        </>
      )}
      {loop.note && <span className="mt-1 block text-xs">{loop.note}</span>}
    </Alert>
  );
}

function Header({ job, canOperate }: { job: JobView; canOperate: boolean }) {
  return (
    <header className="space-y-3">
      <Link href="/jobs" className="inline-flex items-center gap-1 text-sm font-medium text-muted hover:text-ink">
        <span aria-hidden>←</span> Jobs
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <JobStatusBadge status={job.status} awaitingCallback={job.awaitingCallback} cancelRequested={Boolean(job.cancelRequestedAt)} />
            <TierBadge tier={job.tier} />
            <ClassBadge priorityClass={job.priorityClass} />
            <span className="text-xs text-muted">namespace {job.namespace}</span>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink">{job.script}</h1>
          {job.issue && (
            <p className="text-sm text-muted">
              For{" "}
              <Link href={`/issues/${job.issue.id}`} className="font-medium text-brand hover:underline">
                {job.issue.shortId ? `${job.issue.shortId}: ` : ""}
                {job.issue.title}
              </Link>
            </p>
          )}
        </div>
        {canOperate && <Actions job={job} />}
      </div>
    </header>
  );
}

const ACTION_TEXT: Record<Action, { label: string; title: string; body: string; tone: "primary" | "danger" }> = {
  cancel: { label: "Cancel job", title: "Cancel this job?", body: "A waiting job is cancelled at once; a running one is asked to stop, and its worker stops it within a few seconds.", tone: "danger" },
  approve: { label: "Approve", title: "Approve this job?", body: "It is queued and runs as soon as a worker is free.", tone: "primary" },
  reject: { label: "Reject", title: "Reject this job?", body: "It will not run. The rejection is recorded with your name.", tone: "danger" },
  retry: { label: "Re-run", title: "Run this job again?", body: "A new job with the same script and arguments is submitted; this one stays as it is.", tone: "primary" },
};

function Actions({ job }: { job: JobView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const available: Action[] = [];
  if (job.status === "awaiting_approval") available.push("approve", "reject");
  if (!isTerminal(job.status) && !job.cancelRequestedAt) available.push("cancel");
  if (isTerminal(job.status)) available.push("retry");

  const run = async (action: Action) => {
    setBusy(true);
    setError(null);
    try {
      const result = await apiFetch<{ job: JobView }>(`/api/jobs/${job.id}/${action}`, { method: "POST", body: action === "reject" ? { reason: reason || undefined } : {} });
      setPending(null);
      if (action === "retry") router.push(`/jobs/${result.job.id}`);
      else await queryClient.invalidateQueries({ queryKey: ["job", job.id] });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  if (available.length === 0) return null;
  const text = pending ? ACTION_TEXT[pending] : null;
  return (
    <div className="flex flex-wrap gap-2">
      {available.map((action) => (
        <Button key={action} variant={action === "approve" || action === "retry" ? "primary" : "secondary"} onClick={() => setPending(action)}>
          {ACTION_TEXT[action].label}
        </Button>
      ))}
      {text && pending && (
        <ConfirmDialog
          open
          title={text.title}
          confirmLabel={text.label}
          tone={text.tone}
          typeToConfirm={job.tier === "prod" && (pending === "approve" || pending === "retry") ? "prod" : undefined}
          busy={busy}
          error={error}
          onConfirm={() => void run(pending)}
          onClose={() => {
            setPending(null);
            setError(null);
          }}
        >
          <p>{text.body}</p>
          {job.tier === "prod" && (pending === "approve" || pending === "retry") && <p className="font-medium text-danger">This runs {job.script} against production.</p>}
          {pending === "reject" && (
            <input value={reason} onChange={(event) => setReason(event.target.value)} placeholder="Reason (optional)" aria-label="Reason" className="mt-2 block w-full rounded-md border border-border px-3 py-2 text-sm text-ink" />
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

const LEVEL_STYLE: Record<string, string> = { error: "text-red-300", warn: "text-amber-300", info: "text-slate-200", debug: "text-slate-400" };

function Logs({ jobId, initial, truncated, live }: { jobId: string; initial: JobLogView[]; truncated: boolean; live: boolean }) {
  const queryClient = useQueryClient();
  const key = ["job-logs", jobId];
  // The query's data is the whole log so far; each fetch asks only for lines after the last one.
  const tail = useQuery({
    queryKey: key,
    queryFn: async () => {
      const current = queryClient.getQueryData<JobLogView[]>(key) ?? initial;
      const { logs } = await apiFetch<{ logs: JobLogView[] }>(`/api/jobs/${jobId}/logs?after=${current.at(-1)?.id ?? 0}`);
      return logs.length ? [...current, ...logs.filter((line) => line.id > (current.at(-1)?.id ?? 0))] : current;
    },
    initialData: initial,
    // A last read after the job ends catches the lines flushed with its end.
    refetchInterval: live ? 1_500 : false,
    refetchOnMount: "always",
    enabled: !truncated,
  });
  const lines = tail.data;
  const { refetch } = tail;
  useEffect(() => {
    if (!live && !truncated) void refetch();
  }, [live, truncated, refetch]);
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    if (stick.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <Card title={`Log${lines.length ? ` (${lines.length} lines)` : ""}`} action={live ? <span className="flex items-center gap-1.5 text-xs text-muted"><span className="size-2 animate-pulse rounded-full bg-brand" aria-hidden />live</span> : undefined}>
      <div
        ref={box}
        onScroll={(event) => {
          const target = event.currentTarget;
          stick.current = target.scrollHeight - target.scrollTop - target.clientHeight < 24;
        }}
        className="max-h-96 overflow-y-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed"
        role="log"
        aria-live="polite"
        data-testid="job-log"
      >
        {lines.length === 0 ? (
          <p className="text-slate-400">{live ? "Waiting for the first line…" : "This job wrote no log lines."}</p>
        ) : (
          lines.map((line) => (
            <div key={line.id} className={`whitespace-pre-wrap break-words ${LEVEL_STYLE[line.level] ?? "text-slate-200"}`}>
              <span className="select-none text-slate-500">{line.at.slice(11, 19)} </span>
              {line.level !== "info" && <span className="font-semibold uppercase">{line.level} </span>}
              {line.message}
            </div>
          ))
        )}
      </div>
      {truncated && <p className="mt-2 text-xs text-muted">Showing the first lines only; the full log is at /api/jobs/{jobId}/logs.</p>}
    </Card>
  );
}

function JsonCard({ title, value, empty }: { title: string; value: unknown; empty: string }) {
  const isEmpty = value === null || value === undefined || (typeof value === "object" && Object.keys(value as object).length === 0);
  return (
    <Card title={title}>
      {isEmpty ? <p className="text-sm text-muted">{empty}</p> : <pre className="max-h-96 overflow-auto rounded-md bg-canvas p-3 font-mono text-xs text-ink">{JSON.stringify(value, null, 2)}</pre>}
    </Card>
  );
}

function Timeline({ job, attempts, serverNow }: { job: JobView; attempts: JobDetail["attempts"]; serverNow: number }) {
  const steps: { at: string; label: ReactNode; tone?: "ok" | "danger" | "muted" }[] = [{ at: job.createdAt, label: `Submitted by ${job.submittedBy.label} (${job.source.replace("_", "-")})` }];
  if (job.approvedAt) steps.push({ at: job.approvedAt, label: "Approved" });
  for (const attempt of attempts) {
    steps.push({ at: attempt.startedAt, label: `Attempt ${attempt.attempt} started${attempt.workerId ? ` on ${attempt.workerId.split(":").slice(0, -1).join(":") || attempt.workerId}` : ""}` });
    if (attempt.finishedAt) {
      steps.push({
        at: attempt.finishedAt,
        label: `Attempt ${attempt.attempt} ${attempt.status.replace("_", " ")} after ${formatDuration(new Date(attempt.finishedAt).getTime() - new Date(attempt.startedAt).getTime())}${attempt.error ? `: ${attempt.error}` : ""}`,
        tone: attempt.status === "succeeded" ? "ok" : attempt.status === "cancelled" ? "muted" : "danger",
      });
    }
  }
  if (job.status === "queued" && attempts.length > 0) steps.push({ at: job.runAfter, label: "Next attempt", tone: "muted" });
  if (job.awaitingCallback) steps.push({ at: job.leaseExpiresAt ?? job.updatedAt, label: "Waiting for the workflow's callback until", tone: "muted" });
  if (job.cancelRequestedAt && job.status === "running") steps.push({ at: job.cancelRequestedAt, label: "Cancel requested", tone: "muted" });
  return (
    <Card title="Timeline">
      <ol className="space-y-3 text-sm">
        {steps.map((step, index) => (
          <li key={index} className="flex gap-3">
            <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${step.tone === "ok" ? "bg-ok" : step.tone === "danger" ? "bg-danger" : step.tone === "muted" ? "bg-slate-300" : "bg-brand"}`} />
            <div className="min-w-0">
              <p className="break-words text-ink">{step.label}</p>
              <p className="text-xs text-muted" title={formatExact(step.at)}>
                <RelativeTime iso={step.at} serverNow={serverNow} />
              </p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 truncate text-right font-medium text-ink">{children ?? <span className="font-normal text-muted">—</span>}</dd>
    </div>
  );
}

function Facts({ detail, serverNow }: { detail: JobDetail; serverNow: number }) {
  const { job } = detail;
  return (
    <Card title="Details">
      <dl className="-my-2 divide-y divide-border text-sm">
        <Fact label="Attempts">
          {job.attempts} of {job.maxAttempts}
        </Fact>
        <Fact label="Timeout">{formatDuration(job.timeoutSeconds * 1000)}</Fact>
        <Fact label="Started">{job.startedAt && <RelativeTime iso={job.startedAt} serverNow={serverNow} />}</Fact>
        <Fact label="Finished">{job.finishedAt && <RelativeTime iso={job.finishedAt} serverNow={serverNow} />}</Fact>
        <Fact label="Worker">
          {job.awaitingCallback ? "outside runner (callback)" : (job.leaseOwner ?? detail.attempts.at(-1)?.workerId) && <span className="font-mono text-xs" title={job.leaseOwner ?? detail.attempts.at(-1)?.workerId ?? ""}>{job.leaseOwner ?? detail.attempts.at(-1)?.workerId}</span>}
        </Fact>
        <Fact label="Rule">{detail.rule && <Link href={`/rules/${detail.rule.id}`} className="text-brand hover:underline">{detail.rule.name}</Link>}</Fact>
        <Fact label="Re-run of">{detail.parent && <Link href={`/jobs/${detail.parent.id}`} className="text-brand hover:underline">{detail.parent.script} ({detail.parent.status.replace("_", " ")})</Link>}</Fact>
        {detail.followUps.map((followUp) => (
          <Fact key={followUp.id} label="Follow-up">
            <Link href={`/jobs/${followUp.id}`} className="text-brand hover:underline">
              {followUp.script} ({followUp.status.replace("_", " ")})
            </Link>
          </Fact>
        ))}
        <Fact label="Dedupe key">{job.dedupeKey && <span className="font-mono text-xs">{job.dedupeKey}</span>}</Fact>
        <Fact label="Sentry trace">
          {job.sentryTraceUrl ? (
            <a href={job.sentryTraceUrl} target="_blank" rel="noreferrer" className="font-mono text-xs text-brand hover:underline">
              {job.traceId?.slice(0, 12)}… ↗
            </a>
          ) : job.traceId ? (
            <span className="font-mono text-xs">{job.traceId}</span>
          ) : null}
        </Fact>
        <Fact label="Job id">
          <span className="font-mono text-xs">{job.id}</span>
        </Fact>
      </dl>
    </Card>
  );
}
