import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { OverviewSummary } from "@/lib/metrics";

function Stat({ label, value, tone }: { label: string; value: number; tone?: "danger" | "warn" | "ok" }) {
  const color = tone === "danger" && value > 0 ? "text-danger" : tone === "warn" && value > 0 ? "text-warn" : "text-ink";
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${color}`}>{value.toLocaleString("en-US")}</dd>
    </div>
  );
}

function Panel({ title, href, children, empty }: { title: string; href: string; children: ReactNode; empty?: ReactNode }) {
  return (
    <section className="flex flex-col rounded-lg border border-border bg-surface shadow-sm" aria-labelledby={`panel-${href}`}>
      <header className="flex items-center justify-between border-b border-border px-5 py-3">
        <h2 id={`panel-${href}`} className="text-sm font-semibold">
          {title}
        </h2>
        <Link href={href} className="text-xs font-medium text-brand hover:underline">
          Open →
        </Link>
      </header>
      <div className="flex-1 p-5">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">{children}</dl>
        {empty && <p className="mt-4 text-sm text-muted">{empty}</p>}
      </div>
    </section>
  );
}

export function OverviewPanels({ summary, webhookUrl, isAdmin }: { summary: OverviewSummary; webhookUrl: string; isAdmin: boolean }) {
  const { issues, jobs, workers, infrastructure, setup } = summary;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel
          title="Sentry issues"
          href="/issues"
          empty={issues.total === 0 ? <>No issues yet. Point a Sentry integration webhook at <code className="font-mono text-xs">{webhookUrl}</code>.</> : null}
        >
          <Stat label="Unresolved" value={issues.unresolved} tone="warn" />
          <Stat label="All issues" value={issues.total} />
        </Panel>
        <Panel title="Remediation jobs" href="/jobs" empty={jobs.total === 0 ? "No jobs yet. Rules and the “Run remediation” button submit them." : null}>
          <Stat label="Running" value={jobs.running} />
          <Stat label="Queued" value={jobs.queued} />
          <Stat label="Awaiting approval" value={jobs.awaitingApproval} tone="warn" />
          <Stat label="Failed (24 h)" value={jobs.failed24h} tone="danger" />
        </Panel>
        <Panel title="Worker health" href="/workers" empty={workers.monitors === 0 ? <>No worker has checked in yet. The cron tick or <code className="font-mono text-xs">npm run worker</code> registers one.</> : null}>
          <Stat label="Monitors" value={workers.monitors} />
          <Stat label="Failing" value={workers.failing} tone="danger" />
          <Stat label="Workers (24 h)" value={workers.workersSeen} />
        </Panel>
        <Panel title="Infrastructure" href="/health" empty={infrastructure.checks === 0 ? "No health checks yet. Add HTTP, TCP, Redis or PostgreSQL checks." : null}>
          <Stat label="Checks" value={infrastructure.checks} />
          <Stat label="Down" value={infrastructure.down} tone="danger" />
        </Panel>
      </div>
      <section className="rounded-lg border border-border bg-surface p-5 shadow-sm" aria-labelledby="getting-started">
        <h2 id="getting-started" className="text-sm font-semibold">
          Getting started
        </h2>
        <ol className="mt-3 space-y-2 text-sm">
          <li className="flex items-center gap-2">
            <Badge tone="ok">done</Badge> Database ready ({setup.databaseKind === "embedded" ? "embedded PGlite in the data folder" : "PostgreSQL server"})
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={setup.users > 1 ? "ok" : "neutral"}>{setup.users > 1 ? "done" : "next"}</Badge>
            {isAdmin ? (
              <Link href="/settings/users" className="text-brand hover:underline">
                Invite your team (operators run remediation, viewers watch)
              </Link>
            ) : (
              "Your admin invites operators and viewers"
            )}
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={issues.total > 0 ? "ok" : "neutral"}>{issues.total > 0 ? "done" : "next"}</Badge>
            Connect Sentry: paste <code className="font-mono text-xs">{webhookUrl}</code> as the integration&apos;s webhook URL
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={setup.rules > 0 ? "ok" : "neutral"}>{setup.rules > 0 ? "done" : "next"}</Badge>
            <Link href="/rules" className="text-brand hover:underline">
              Review the remediation rules
            </Link>
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={setup.apiTokens > 0 ? "ok" : "neutral"}>{setup.apiTokens > 0 ? "done" : "optional"}</Badge>
            {isAdmin ? (
              <Link href="/settings/tokens" className="text-brand hover:underline">
                Create an API token for automation
              </Link>
            ) : (
              "API tokens for automation are created by admins"
            )}
          </li>
        </ol>
      </section>
    </div>
  );
}
