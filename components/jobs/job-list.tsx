"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useTransition, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, filterControl } from "@/components/ui/filter-field";
import { RelativeTime } from "@/components/issues/relative-time";
import { useCursorPages } from "@/lib/api-client/use-cursor-pages";
import { JOB_SOURCES, PRIORITY_CLASSES, TIERS, type JobStatus } from "@/lib/jobs/model";
import type { JobListPage } from "@/lib/jobs/queries";
import type { JobView } from "@/lib/jobs/views";
import { ClassBadge, formatDuration, JobStatusBadge, TierBadge } from "./job-badges";

/** The list's state as it lives in the URL. */
export interface JobListView {
  status?: string;
  tier?: string;
  class?: string;
  source?: string;
  namespace?: string;
  script?: string;
  issueId?: string;
}

const FILTER_KEYS = ["status", "tier", "class", "source", "namespace", "script", "issueId"] as const;
const REFRESH_MS = 5_000;

export function jobListSearch(view: JobListView): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (view[key]) params.set(key, view[key]!);
  return params.toString();
}

function jobsHref(view: JobListView): string {
  const search = jobListSearch(view);
  return search ? `/jobs?${search}` : "/jobs";
}

const STATUS_TABS: { value?: string; label: string; statuses?: JobStatus[] }[] = [
  { label: "All" },
  { value: "running", label: "Running", statuses: ["running"] },
  { value: "queued", label: "Queued", statuses: ["queued"] },
  { value: "awaiting_approval", label: "Awaiting approval", statuses: ["awaiting_approval"] },
  { value: "failed,timed_out", label: "Failed", statuses: ["failed", "timed_out"] },
  { value: "succeeded", label: "Succeeded", statuses: ["succeeded"] },
  { value: "cancelled", label: "Cancelled", statuses: ["cancelled"] },
];

export function JobList({ view, initialPage, filterValues, serverNow }: { view: JobListView; initialPage: JobListPage; filterValues: { namespaces: string[]; scripts: string[] }; serverNow: number }) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const search = jobListSearch(view);
  const pages = useCursorPages({ key: "jobs", path: "/api/jobs", search, initialPage, refetchIntervalMs: REFRESH_MS });
  const counts = pages.data.pages[0]?.counts ?? initialPage.counts!;
  const seen = new Set<string>();
  const jobs = pages.data.pages.flatMap((page) => page.jobs).filter((job) => !seen.has(job.id) && seen.add(job.id));
  const filtered = FILTER_KEYS.some((key) => view[key]);
  const navigate = useCallback((changes: Partial<JobListView>) => startTransition(() => router.replace(jobsHref({ ...view, ...changes }), { scroll: false })), [router, view]);

  return (
    <div className="space-y-4">
      <nav aria-label="Job status" className="flex flex-wrap gap-1 border-b border-border">
        {STATUS_TABS.map((tab) => {
          const active = (view.status ?? undefined) === tab.value;
          const count = tab.statuses ? tab.statuses.reduce((sum, status) => sum + counts[status], 0) : Object.values(counts).reduce((sum, n) => sum + n, 0);
          return (
            <Link
              key={tab.label}
              href={jobsHref({ ...view, status: tab.value })}
              scroll={false}
              aria-current={active ? "page" : undefined}
              className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand text-ink" : "border-transparent text-muted hover:text-ink"}`}
            >
              {tab.label}
              <span className={`rounded-full px-1.5 text-xs tabular-nums ${active ? "bg-brand text-white" : "bg-canvas text-muted"}`}>{count.toLocaleString("en-US")}</span>
            </Link>
          );
        })}
      </nav>

      <div className="flex flex-wrap items-end gap-3">
        <Select label="Tier" value={view.tier} options={TIERS} onChange={(tier) => navigate({ tier })} />
        <Select label="Class" value={view.class} options={PRIORITY_CLASSES} onChange={(value) => navigate({ class: value })} />
        <Select label="Source" value={view.source} options={JOB_SOURCES} onChange={(source) => navigate({ source })} />
        <Select label="Namespace" value={view.namespace} options={filterValues.namespaces} onChange={(namespace) => navigate({ namespace })} />
        <Select label="Script" value={view.script} options={filterValues.scripts} onChange={(script) => navigate({ script })} />
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
        <p aria-live="polite">
          Showing {jobs.length.toLocaleString("en-US")} {jobs.length === 1 ? "job" : "jobs"}
          {filtered && (
            <>
              {" · "}
              <Link href="/jobs" className="font-medium text-brand hover:underline">
                Clear filters
              </Link>
            </>
          )}
        </p>
        <p className="flex items-center gap-2 text-xs">
          <span aria-hidden className={`size-2 rounded-full ${pages.isFetching || navigating ? "animate-pulse bg-brand" : "bg-ok"}`} />
          Live · refreshes every {REFRESH_MS / 1000} s
        </p>
      </div>

      {pages.isRefetchError && <Alert tone="warn">Could not refresh the list: {pages.error?.message}. Showing the last data received.</Alert>}

      {jobs.length === 0 ? (
        <EmptyState title="No jobs match these filters" action={<Link href="/jobs" className="rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas">Clear filters</Link>}>
          <p>Try another status or tier. Jobs appear here as soon as a rule, an operator or the API submits one.</p>
        </EmptyState>
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-border bg-surface shadow-sm transition-opacity ${navigating ? "opacity-60" : ""}`}>
          <table className="min-w-full divide-y divide-border text-sm">
            <caption className="sr-only">Remediation jobs</caption>
            <thead className="bg-canvas">
              <tr>
                <Header>Status</Header>
                <Header className="w-full">Job</Header>
                <Header>Tier</Header>
                <Header>Class</Header>
                <Header>Attempts</Header>
                <Header>Submitted</Header>
                <Header>Duration</Header>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} serverNow={serverNow} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="secondary" busy={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}

function JobRow({ job, serverNow }: { job: JobView; serverNow: number }) {
  const duration = job.startedAt ? (job.finishedAt ? new Date(job.finishedAt).getTime() : null) : null;
  return (
    <tr className="relative transition-colors hover:bg-canvas/70" data-testid="job-row">
      <td className="whitespace-nowrap px-4 py-3 align-top">
        <JobStatusBadge status={job.status} awaitingCallback={job.awaitingCallback} cancelRequested={Boolean(job.cancelRequestedAt)} />
      </td>
      <td className="max-w-0 px-4 py-3 align-top">
        <Link href={`/jobs/${job.id}`} className="font-medium text-ink after:absolute after:inset-0 hover:text-brand">
          {job.script}
        </Link>
        <p className="mt-0.5 truncate text-xs text-muted">
          {job.namespace} · {job.source.replace("_", "-")} by {job.submittedBy.label}
          {job.issue && <> · {job.issue.shortId ?? "issue"}: {job.issue.title}</>}
        </p>
        {job.error && job.status !== "succeeded" && <p className="mt-0.5 truncate text-xs text-danger" title={job.error}>{job.error}</p>}
      </td>
      <td className="px-4 py-3 align-top">
        <TierBadge tier={job.tier} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 align-top">
        <ClassBadge priorityClass={job.priorityClass} />
      </td>
      <td className="px-4 py-3 text-center align-top tabular-nums text-muted">
        {job.attempts}/{job.maxAttempts}
      </td>
      <td className="whitespace-nowrap px-4 py-3 align-top text-muted">
        <RelativeTime iso={job.createdAt} serverNow={serverNow} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 align-top tabular-nums text-muted">
        {job.startedAt && duration !== null ? formatDuration(duration - new Date(job.startedAt).getTime()) : job.status === "running" ? "running…" : "—"}
      </td>
    </tr>
  );
}

function Header({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-muted ${className}`}>
      {children}
    </th>
  );
}

function Select({ label, value, options, onChange }: { label: string; value?: string; options: readonly string[]; onChange: (value: string | undefined) => void }) {
  return (
    <FilterField label={label}>
      {(id) => (
        <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)} className={filterControl}>
          <option value="">All</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {option.replace("_", "-")}
            </option>
          ))}
        </select>
      )}
    </FilterField>
  );
}

