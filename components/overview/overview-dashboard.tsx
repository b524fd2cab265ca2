"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type ReactNode } from "react";
import { RelativeTime } from "@/components/issues/relative-time";
import { formatUptime, MonitorStatusBadge } from "@/components/monitors/monitor-badges";
import { Badge } from "@/components/ui/badge";
import { apiFetch } from "@/lib/api-client";
import { RemediationLoopCard } from "./loop-table";
import type { Dashboard } from "@/lib/metrics/dashboard";
import type { MonitorStatus } from "@/lib/monitors/model";

// The charts (recharts and its d3 parts) load after the panels, so the first paint does not
// wait for the largest part of the page's JavaScript (npm run bench:dashboard measures it).
function ChartSkeleton() {
  return <div className="h-56 animate-pulse rounded-md bg-canvas" aria-hidden />;
}
const chart = <Name extends "JobsChart" | "IssuesChart" | "SuccessByScriptChart" | "MttrChart" | "CheckInsChart">(name: Name) =>
  dynamic(() => import("./dashboard-charts").then((charts) => charts[name]), { ssr: false, loading: ChartSkeleton });
const JobsChart = chart("JobsChart");
const IssuesChart = chart("IssuesChart");
const SuccessByScriptChart = chart("SuccessByScriptChart");
const MttrChart = chart("MttrChart");
const CheckInsChart = chart("CheckInsChart");

const RANGES = [
  ["1h", "1 h"],
  ["24h", "24 h"],
  ["7d", "7 d"],
  ["30d", "30 d"],
] as const;

const REFRESH_MS = 15_000;

function Stat({ label, value, tone, testId }: { label: string; value: ReactNode; tone?: "danger" | "warn" | "ok"; testId?: string }) {
  const color = tone === "danger" ? "text-danger" : tone === "warn" ? "text-warn" : tone === "ok" ? "text-ok" : "text-ink";
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${color}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Panel({ title, href, children, footer }: { title: string; href: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <section className="flex flex-col rounded-lg border border-border bg-surface shadow-sm" aria-label={title}>
      <header className="flex items-center justify-between border-b border-border px-5 py-3">
        <h2 className="text-sm font-semibold">{title}</h2>
        <Link href={href} className="text-xs font-medium text-brand hover:underline">
          Open →
        </Link>
      </header>
      <div className="flex-1 p-5">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">{children}</dl>
        {footer && <div className="mt-4 text-sm">{footer}</div>}
      </div>
    </section>
  );
}

function ChartCard({ title, children, className = "" }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-border bg-surface p-5 shadow-sm ${className}`} aria-label={title}>
      <h2 className="mb-3 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

const LEVEL_TONE = { fatal: "danger", error: "danger", warning: "warn", info: "info", debug: "neutral" } as const;

/**
 * The operators' single pane: four panels and the charts for a range kept in the URL. It
 * refreshes every 15 s while the tab is visible (React Query stops polling hidden tabs).
 */
export function OverviewDashboard({ initial, webhookUrl, serverNow }: { initial: Dashboard; webhookUrl: string; serverNow: number }) {
  const range = initial.range;
  const router = useRouter();
  // A range change renders the page on the server; until it arrives the old numbers stay,
  // dimmed, with "Loading…" (no loading.tsx: it would commit the HTTP status before a 403/404).
  const [changingRange, startRangeChange] = useTransition();
  const query = useQuery({
    queryKey: ["overview", range],
    queryFn: () => apiFetch<Dashboard>(`/api/overview?range=${range}`),
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });
  const dashboard = query.data;
  const { issues, jobs, workers, infrastructure } = dashboard;
  const rangeLabel = RANGES.find(([value]) => value === range)![1];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Time range" className="inline-flex rounded-md border border-border bg-surface p-0.5 text-sm shadow-xs">
          {RANGES.map(([value, label]) => (
            <Link
              key={value}
              href={`/?range=${value}`}
              scroll={false}
              onClick={(event) => {
                event.preventDefault();
                startRangeChange(() => router.push(`/?range=${value}`, { scroll: false }));
              }}
              aria-current={value === range ? "page" : undefined} className={`rounded px-3 py-1.5 ${value === range ? "bg-brand text-white" : "text-muted hover:text-ink"}`}>
              {label}
            </Link>
          ))}
        </nav>
        <p className="text-xs text-muted" role="status">
          {changingRange ? "Loading…" : query.isFetching ? "Refreshing…" : query.isError ? "Could not refresh; showing the last data." : `Live · updates every ${REFRESH_MS / 1000} s`}
        </p>
      </div>

      <div className={`grid gap-6 transition-opacity lg:grid-cols-2 ${changingRange ? "opacity-60" : ""}`}>
        <Panel
          title="Sentry issues"
          href="/issues"
          footer={
            !issues.any ? (
              <p className="text-muted">
                No issues yet. Paste <code className="font-mono text-xs">{webhookUrl}</code> as your Sentry integration&apos;s webhook URL, or run <code className="font-mono text-xs">npm run demo</code>.
              </p>
            ) : issues.top.length > 0 ? (
              <ul className="space-y-1" aria-label="Top issues by events">
                {issues.top.map((issue) => (
                  <li key={issue.id} className="flex items-center gap-2">
                    <Badge tone={LEVEL_TONE[issue.level as keyof typeof LEVEL_TONE] ?? "neutral"}>{issue.level}</Badge>
                    <Link href={`/issues/${issue.id}`} className="truncate text-brand hover:underline">
                      {issue.title}
                    </Link>
                    <span className="ml-auto shrink-0 tabular-nums text-muted">{Number(issue.count).toLocaleString("en-US")} events</span>
                  </li>
                ))}
              </ul>
            ) : null
          }
        >
          <Stat label="Unresolved" value={issues.unresolved.toLocaleString("en-US")} tone={issues.unresolved > 0 ? "warn" : undefined} testId="stat-unresolved" />
          <Stat label={`New (${rangeLabel})`} value={issues.newInRange.toLocaleString("en-US")} />
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-muted">By level</dt>
            <dd className="mt-2 flex flex-wrap gap-1">
              {Object.entries(issues.unresolvedByLevel)
                .filter(([, count]) => count > 0)
                .map(([level, count]) => (
                  <Badge key={level} tone={LEVEL_TONE[level as keyof typeof LEVEL_TONE]}>
                    {count} {level}
                  </Badge>
                ))}
              {issues.unresolved === 0 && <span className="text-sm text-muted">none</span>}
            </dd>
          </div>
        </Panel>

        <Panel title="Remediation jobs" href="/jobs" footer={!jobs.any ? <p className="text-muted">No jobs yet. Rules submit them when issues match; operators use “Run remediation” on an issue or New job.</p> : null}>
          <Stat label="Running" value={jobs.running} />
          <Stat label="Queued" value={jobs.queued} />
          <Stat label="Awaiting approval" value={jobs.awaitingApproval} tone={jobs.awaitingApproval > 0 ? "warn" : undefined} />
          <Stat label={`Failed (${rangeLabel})`} value={jobs.failedInRange} tone={jobs.failedInRange > 0 ? "danger" : undefined} />
          <Stat label={`Success (${rangeLabel})`} value={jobs.successRate === null ? "—" : `${Math.round(jobs.successRate * 100)}%`} tone={jobs.successRate !== null && jobs.successRate < 0.8 ? "warn" : jobs.successRate !== null ? "ok" : undefined} testId="stat-success-rate" />
        </Panel>

        <Panel
          title="Worker health"
          href="/monitors"
          footer={
            workers.monitors.length === 0 ? (
              <p className="text-muted">No worker has checked in yet. The Vercel cron tick or <code className="font-mono text-xs">npm run worker</code> creates the monitors on its first pass.</p>
            ) : (
              <ul className="divide-y divide-border" aria-label="Worker monitors">
                {workers.monitors.map((monitor) => (
                  <li key={monitor.slug} className="flex flex-wrap items-center gap-2 py-1.5">
                    <Link href={`/monitors/${monitor.slug}`} className="font-mono text-xs text-brand hover:underline">
                      {monitor.slug}
                    </Link>
                    <MonitorStatusBadge status={monitor.status as MonitorStatus} />
                    <span className="text-xs text-muted">uptime {formatUptime(monitor.uptime24h)}</span>
                    <span className="ml-auto text-xs text-muted">
                      <RelativeTime iso={monitor.lastCheckInAt} serverNow={serverNow} />
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        >
          <Stat label="Monitors" value={workers.monitors.length} />
          <Stat label="Failing" value={workers.monitors.filter((monitor) => ["error", "missed", "timeout"].includes(monitor.status)).length} tone={workers.monitors.some((monitor) => ["error", "missed", "timeout"].includes(monitor.status)) ? "danger" : undefined} />
          <Stat label="Workers (24 h)" value={workers.workersSeen} />
        </Panel>

        <Panel title="Infrastructure" href="/health" footer={infrastructure.checks === 0 ? <p className="text-muted">No health checks yet. Add HTTP, TCP, Redis or PostgreSQL checks for what remediation depends on.</p> : null}>
          <Stat label="Up" value={infrastructure.up} tone={infrastructure.up > 0 ? "ok" : undefined} />
          <Stat label="Down" value={infrastructure.down} tone={infrastructure.down > 0 ? "danger" : undefined} />
          <Stat label={`Avg latency (${rangeLabel})`} value={infrastructure.averageLatencyMs === null ? "—" : `${infrastructure.averageLatencyMs} ms`} />
        </Panel>
      </div>

      <RemediationLoopCard range={range} rangeLabel={rangeLabel} refreshMs={REFRESH_MS} />

      <div className="grid gap-6 lg:grid-cols-2">
        <ChartCard title={`Jobs finished, by outcome (${rangeLabel})`}>
          <JobsChart dashboard={dashboard} />
        </ChartCard>
        <ChartCard title={`New issues, by level (${rangeLabel})`}>
          <IssuesChart dashboard={dashboard} />
        </ChartCard>
        <ChartCard title={`Remediation success rate per script (${rangeLabel})`}>
          <SuccessByScriptChart dashboard={dashboard} />
        </ChartCard>
        <ChartCard title="Time to resolve, daily median (auto-remediated vs manual)">
          <MttrChart dashboard={dashboard} />
        </ChartCard>
        <ChartCard title={`Worker check-ins (${rangeLabel})`} className="lg:col-span-2">
          <CheckInsChart dashboard={dashboard} />
        </ChartCard>
      </div>
    </div>
  );
}
