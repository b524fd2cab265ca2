"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { FilterField, filterControl } from "@/components/ui/filter-field";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useCursorPages } from "@/lib/api-client/use-cursor-pages";
import type { IssueFacets, IssueListItem, IssueListPage, IssueSort, SortOrder } from "@/lib/issues";
import { LoopBadge } from "@/components/loop/loop-badge";
import type { LoopState } from "@/lib/loop/model";
import { JobStatusBadge } from "@/components/jobs/job-badges";
import { RunRemediationButton } from "@/components/jobs/run-remediation";
import { LevelBadge, StatusBadge } from "./issue-badges";
import { RelativeTime } from "./relative-time";

/** The list's state as it lives in the URL (no cursor: paging is "Load more" below the table). */
export interface IssueListView {
  status?: string;
  level?: string;
  environment?: string;
  project?: string;
  q?: string;
  sort: IssueSort;
  order: SortOrder;
}

const FILTER_KEYS = ["status", "level", "environment", "project", "q"] as const;
const REFRESH_MS = 15_000;

export function issueListSearch(view: Partial<IssueListView>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = view[key];
    if (value) params.set(key, value);
  }
  if (view.sort && view.sort !== "lastSeen") params.set("sort", view.sort);
  if (view.order && view.order !== "desc") params.set("order", view.order);
  return params.toString();
}

function issuesHref(view: Partial<IssueListView>): string {
  const search = issueListSearch(view);
  return search ? `/issues?${search}` : "/issues";
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat("en-US");

function Count({ value }: { value: string | number }) {
  const number = typeof value === "string" ? BigInt(value) : value;
  const large = typeof number === "bigint" ? number >= 10_000n : number >= 10_000;
  return (
    <span className="tabular-nums" title={large ? exact.format(number) : undefined}>
      {large ? compact.format(number) : exact.format(number)}
    </span>
  );
}

export function IssueList({ view, initialPage, serverNow, canOperate }: { view: IssueListView; initialPage: IssueListPage; serverNow: number; canOperate: boolean }) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const search = issueListSearch(view);
  const pages = useCursorPages({ key: "issues", path: "/api/issues", search, initialPage, refetchIntervalMs: REFRESH_MS });

  const facets = pages.data.pages[0]?.facets ?? initialPage.facets!;
  const seen = new Set<string>();
  const issues = pages.data.pages.flatMap((page) => page.issues).filter((issue) => !seen.has(issue.id) && seen.add(issue.id));
  const filtered = FILTER_KEYS.some((key) => view[key]);

  const navigate = useCallback(
    (changes: Partial<IssueListView>) => startTransition(() => router.replace(issuesHref({ ...view, ...changes }), { scroll: false })),
    [router, view],
  );

  return (
    <div className="space-y-4">
      <StatusTabs view={view} facets={facets} />
      <FilterBar view={view} facets={facets} onChange={navigate} />

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
        <p aria-live="polite" data-testid="issue-count">
          {facets.total === 0 ? "No issues" : `Showing ${issues.length.toLocaleString("en-US")} of ${facets.total.toLocaleString("en-US")} ${facets.total === 1 ? "issue" : "issues"}`}
          {filtered && (
            <>
              {" · "}
              <Link href={issuesHref({ sort: view.sort, order: view.order })} className="font-medium text-brand hover:underline">
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

      {issues.length === 0 ? (
        <EmptyState
          title="No issues match these filters"
          action={
            <Link href={issuesHref({ sort: view.sort, order: view.order })} className="rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas">
              Clear filters
            </Link>
          }
        >
          <p>Try another status or level, a shorter search, or all environments. Sentry issues appear here as soon as a webhook or the poller reports them.</p>
        </EmptyState>
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-border bg-surface shadow-sm transition-opacity ${navigating ? "opacity-60" : ""}`}>
          <table className="min-w-full divide-y divide-border text-sm">
            <caption className="sr-only">Sentry issues</caption>
            <thead className="bg-canvas">
              <tr>
                <HeaderCell>Level</HeaderCell>
                <HeaderCell className="w-full">Issue</HeaderCell>
                <HeaderCell>Status</HeaderCell>
                <SortHeader view={view} sort="count" align="right">
                  Events
                </SortHeader>
                <SortHeader view={view} sort="userCount" align="right">
                  Users
                </SortHeader>
                <SortHeader view={view} sort="lastSeen">
                  Last seen
                </SortHeader>
                <SortHeader view={view} sort="firstSeen">
                  First seen
                </SortHeader>
                <HeaderCell>Remediation</HeaderCell>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {issues.map((issue) => (
                <IssueRow key={issue.id} issue={issue} serverNow={serverNow} canOperate={canOperate} />
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
      {pages.isFetchNextPageError && <Alert tone="danger">Could not load more issues: {pages.error?.message}</Alert>}
    </div>
  );
}

function IssueRow({ issue, serverNow, canOperate }: { issue: IssueListItem; serverNow: number; canOperate: boolean }) {
  const where = [issue.projectSlug, issue.environment].filter(Boolean).join(" · ");
  return (
    <tr className="relative transition-colors hover:bg-canvas/70" data-testid="issue-row">
      <td className="px-4 py-3 align-top">
        <LevelBadge level={issue.level} />
      </td>
      <td className="max-w-0 px-4 py-3 align-top">
        <Link href={`/issues/${issue.id}`} className="line-clamp-2 break-words font-medium text-ink after:absolute after:inset-0 hover:text-brand" title={issue.title}>
          {issue.title}
        </Link>
        <p className="mt-0.5 flex min-w-0 items-center gap-2 text-xs text-muted">
          {issue.shortId && <span className="shrink-0 font-mono font-medium text-ink/70">{issue.shortId}</span>}
          {issue.culprit && (
            <span className="truncate font-mono" title={issue.culprit}>
              {issue.culprit}
            </span>
          )}
          {where && <span className="shrink-0">· {where}</span>}
        </p>
      </td>
      <td className="whitespace-nowrap px-4 py-3 align-top">
        <StatusBadge status={issue.status} substatus={issue.substatus} />
      </td>
      <td className="px-4 py-3 text-right align-top font-medium">
        <Count value={issue.count} />
      </td>
      <td className="px-4 py-3 text-right align-top">
        <Count value={issue.userCount} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 align-top text-muted">
        <RelativeTime iso={issue.lastSeen} serverNow={serverNow} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 align-top text-muted">
        <RelativeTime iso={issue.firstSeen} serverNow={serverNow} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 align-top">
        <div className="flex items-center gap-2">
          {issue.remediation ? (
            <Link href={`/jobs/${issue.remediation.jobId}`} className="relative z-10" title={`${issue.remediation.script} (${issue.remediation.tier})`}>
              {issue.remediation.verification ? <LoopBadge state={issue.remediation.verification as LoopState} /> : <JobStatusBadge status={issue.remediation.status} />}
            </Link>
          ) : (
            <span className="text-muted">—</span>
          )}
          {canOperate && <RunRemediationButton compact issue={{ id: issue.id, title: issue.title, shortId: issue.shortId }} />}
        </div>
      </td>
    </tr>
  );
}

function HeaderCell({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-muted ${className}`}>
      {children}
    </th>
  );
}

function SortHeader({ view, sort, align = "left", children }: { view: IssueListView; sort: IssueSort; align?: "left" | "right"; children: ReactNode }) {
  const active = view.sort === sort;
  // A new column starts at its most useful end (most events, most recent); a second click flips it.
  const next: SortOrder = active && view.order === "desc" ? "asc" : "desc";
  return (
    <th scope="col" aria-sort={active ? (view.order === "asc" ? "ascending" : "descending") : "none"} className={`whitespace-nowrap px-4 py-2.5 text-xs font-semibold uppercase tracking-wide ${align === "right" ? "text-right" : "text-left"}`}>
      <Link
        href={issuesHref({ ...view, sort, order: next })}
        scroll={false}
        className={`inline-flex items-center gap-1 hover:text-ink ${active ? "text-ink" : "text-muted"}`}
      >
        {children}
        <span aria-hidden className={active ? "" : "opacity-30"}>
          {active && view.order === "asc" ? "▲" : "▼"}
        </span>
      </Link>
    </th>
  );
}

const STATUS_TABS = [
  { value: undefined, label: "All" },
  { value: "unresolved", label: "Unresolved" },
  { value: "resolved", label: "Resolved" },
  { value: "ignored", label: "Ignored" },
] as const;

function StatusTabs({ view, facets }: { view: IssueListView; facets: IssueFacets }) {
  const all = Object.values(facets.status).reduce((sum, n) => sum + n, 0);
  return (
    <nav aria-label="Issue status" className="flex flex-wrap gap-1 border-b border-border">
      {STATUS_TABS.map((tab) => {
        const active = view.status === tab.value || (!view.status && !tab.value);
        const count = tab.value ? facets.status[tab.value] : all;
        return (
          <Link
            key={tab.label}
            href={issuesHref({ ...view, status: tab.value })}
            scroll={false}
            aria-current={active ? "page" : undefined}
            className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium transition-colors ${
              active ? "border-brand text-ink" : "border-transparent text-muted hover:border-border hover:text-ink"
            }`}
          >
            {tab.label}
            <span className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${active ? "bg-brand/10 text-brand" : "bg-canvas text-muted"}`}>{count.toLocaleString("en-US")}</span>
          </Link>
        );
      })}
    </nav>
  );
}


function FilterBar({ view, facets, onChange }: { view: IssueListView; facets: IssueFacets; onChange: (changes: Partial<IssueListView>) => void }) {
  const currentQ = view.q ?? "";
  const [text, setText] = useState(currentQ);
  const [seenQ, setSeenQ] = useState(currentQ);
  const [sent, setSent] = useState<string | null>(null);
  // The URL changed: our own search landing keeps what was typed since; anything else
  // (a tab, "Clear filters", back/forward) puts the URL's text in the box.
  if (currentQ !== seenQ) {
    setSeenQ(currentQ);
    if (currentQ !== sent) {
      setText(currentQ);
      setSent(null);
    }
  }
  // Typing searches after a pause; the URL (and so the server render) follows.
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === currentQ || wanted === sent) return;
    const timer = setTimeout(() => {
      setSent(wanted);
      onChange({ q: wanted || undefined });
    }, 350);
    return () => clearTimeout(timer);
  }, [text, currentQ, sent, onChange]);

  const levels = Object.entries(facets.level) as [string, number][];
  const withCurrent = (names: string[], current?: string) => (current && !names.includes(current) ? [...names, current] : names);

  return (
    <form
      role="search"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-sm"
      onSubmit={(event) => {
        event.preventDefault();
        setSent(text.trim());
        onChange({ q: text.trim() || undefined });
      }}
    >
      <FilterField className="min-w-36 flex-1 sm:flex-none" label="Search">
        {(id) => (
          <input
            id={id}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="Title, culprit, short id or Sentry id"
            className={`${filterControl} sm:w-80`}
          />
        )}
      </FilterField>
      <FilterField className="min-w-36 flex-1 sm:flex-none" label="Level">
        {(id) => (
          <select id={id} value={view.level ?? ""} onChange={(event) => onChange({ level: event.target.value || undefined })} className={filterControl}>
            <option value="">All levels</option>
            {levels.map(([level, count]) => (
              <option key={level} value={level}>
                {level} ({count})
              </option>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField className="min-w-36 flex-1 sm:flex-none" label="Environment">
        {(id) => (
          <select id={id} value={view.environment ?? ""} onChange={(event) => onChange({ environment: event.target.value || undefined })} className={filterControl}>
            <option value="">All environments</option>
            {withCurrent(facets.environments, view.environment).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField className="min-w-36 flex-1 sm:flex-none" label="Project">
        {(id) => (
          <select id={id} value={view.project ?? ""} onChange={(event) => onChange({ project: event.target.value || undefined })} className={filterControl}>
            <option value="">All projects</option>
            {withCurrent(facets.projects, view.project).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </FilterField>
    </form>
  );
}
