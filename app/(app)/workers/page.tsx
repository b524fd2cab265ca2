import { AutoRefresh } from "@/components/issues/auto-refresh";
import { RelativeTime } from "@/components/issues/relative-time";
import { TierBadge } from "@/components/jobs/job-badges";
import { Badge } from "@/components/ui/badge";
import { Cell, Table } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunTickButton } from "@/components/workers/run-tick-button";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { getConfig } from "@/lib/config";
import { listWorkers } from "@/lib/worker";
import Link from "next/link";
import { formatUptime, MonitorStatusBadge } from "@/components/monitors/monitor-badges";
import { Card } from "@/components/ui/card";
import { listMonitors } from "@/lib/monitors";
import { getOutboxStatus } from "@/lib/outbox";
import { OutboxPanel } from "@/components/workers/outbox-panel";

export const metadata = { title: "Workers" };

const KIND_LABEL = { cron: "Vercel cron tick", standalone: "Standalone (npm run worker)", embedded: "In the app server" } as const;
const STATE_TONE = { active: "ok", stale: "warn", stopped: "neutral" } as const;
const TRANSPORT_LABEL = { sdk: "through the Sentry SDK", http: "over Sentry's cron HTTP API", off: "to this app only (SENTRY_CRONS_TRANSPORT=off)" } as const;

export default async function WorkersPage() {
  const user = await requirePageRole("viewer");
  const [workers, workerMonitors, outbox] = await Promise.all([listWorkers(), listMonitors(new Date(), { kind: "worker" }), getOutboxStatus()]);
  const config = getConfig();
  const isAdmin = hasRole(user.role, "admin");
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  const serverNow = Date.now();
  return (
    <>
      <AutoRefresh intervalMs={10_000} />
      <PageHeader
        title="Workers"
        description={`Processes that claim and run remediation jobs. Limits: prod ${config.jobs.maxRunning.prod || "∞"} at once, nonprod ${config.jobs.maxRunning.nonprod || "∞"}, ${config.jobs.maxRunningPerNamespace || "∞"} per namespace.`}
        actions={isAdmin ? <RunTickButton /> : undefined}
      />
      {workers.length === 0 ? (
        <EmptyState title="No worker has reported yet">
          <p>
            On Vercel the cron route <code className="font-mono text-xs">/api/cron/tick</code> runs every minute (set <code className="font-mono text-xs">CRON_SECRET</code>); self-hosted, start{" "}
            <code className="font-mono text-xs">npm run worker</code> on one or more hosts. With the embedded database the app runs its own worker.
          </p>
          {isAdmin && <p>You can also run one tick now with the button above.</p>}
        </EmptyState>
      ) : (
        <Table caption="Workers" head={["Worker", "State", "Tiers", "Running", "Processed", "Throughput", "Last seen", "Version"]}>
          {workers.map((worker) => (
            <tr key={worker.id} data-testid="worker-row">
              <Cell>
                <p className="font-medium">{KIND_LABEL[worker.kind]}</p>
                <p className="font-mono text-xs text-muted">
                  {worker.host}
                  {worker.pid ? ` · pid ${worker.pid}` : ""}
                </p>
              </Cell>
              <Cell>
                <Badge tone={STATE_TONE[worker.state]}>{worker.state}</Badge>
              </Cell>
              <Cell>
                <span className="flex gap-1">
                  {worker.tiers.map((tier) => (
                    <TierBadge key={tier} tier={tier} />
                  ))}
                </span>
              </Cell>
              <Cell className="tabular-nums">{worker.runningJobs}</Cell>
              <Cell className="tabular-nums">{worker.jobsProcessed.toLocaleString("en-US")}</Cell>
              <Cell className="tabular-nums text-muted">{worker.throughputPerHour}/h</Cell>
              <Cell className="whitespace-nowrap text-muted">
                <RelativeTime iso={worker.lastSeenAt} serverNow={serverNow} />
              </Cell>
              <Cell className="font-mono text-xs text-muted">{worker.version}</Cell>
            </tr>
          ))}
        </Table>
      )}
      <OutboxPanel status={outbox} canRetry={hasRole(user.role, "operator")} />
      <Card title="Worker check-ins (Sentry Crons)" className="mt-6">
        <p className="mb-3 text-sm text-muted">
          Every pass — a cron tick, or a standalone worker&apos;s minute — checks in {config.sentry.dsn || config.workerMonitors.transport === "off" ? TRANSPORT_LABEL[config.workerMonitors.transport] : "to this app only (no SENTRY_DSN)"}: in progress at its start, ok or error at its end. Missed runs and timeouts show here and on each monitor.
        </p>
        {workerMonitors.length === 0 ? (
          <p className="text-sm text-muted">No pass has checked in yet: the monitors {config.workerMonitors.slugs.prod} and {config.workerMonitors.slugs.nonprod} appear with the first one.</p>
        ) : (
          <ul className="divide-y divide-border text-sm">
            {workerMonitors.map((monitor) => (
              <li key={monitor.slug} className="flex flex-wrap items-center gap-3 py-2" data-testid="worker-monitor">
                <Link href={`/monitors/${monitor.slug}`} className="font-mono text-brand hover:underline">
                  {monitor.slug}
                </Link>
                <MonitorStatusBadge status={monitor.status} />
                <span className="text-muted">
                  last check-in <RelativeTime iso={monitor.lastCheckInAt} serverNow={serverNow} />
                </span>
                <span className="text-muted">uptime 24 h {formatUptime(monitor.uptime24h.ratio)}</span>
                {monitor.openIncident && <span className="text-danger">incident: {monitor.openIncident.reason}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
