import { AutoRefresh } from "@/components/issues/auto-refresh";
import { RelativeTime } from "@/components/issues/relative-time";
import { Table } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunTickButton } from "@/components/workers/run-tick-button";
import { GoneWorkersRow, WORKER_TABLE_HEAD, WorkerRow } from "@/components/workers/worker-rows";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { getConfig } from "@/lib/config";
import { listWorkerEntries } from "@/lib/worker";
import Link from "next/link";
import { formatUptime, MonitorStatusBadge } from "@/components/monitors/monitor-badges";
import { Card } from "@/components/ui/card";
import { listMonitors } from "@/lib/monitors";
import { getOutboxStatus } from "@/lib/outbox";
import { OutboxPanel } from "@/components/workers/outbox-panel";

export const metadata = { title: "Workers" };

const TRANSPORT_LABEL = { sdk: "through the Sentry SDK", http: "over Sentry's cron HTTP API", off: "to this app only (SENTRY_CRONS_TRANSPORT=off)" } as const;

export default async function WorkersPage() {
  const user = await requirePageRole("viewer");
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  const serverNow = Date.now();
  const [entries, workerMonitors, outbox] = await Promise.all([
    listWorkerEntries(new Date(serverNow)),
    listMonitors(new Date(serverNow), { kind: "worker" }),
    getOutboxStatus(new Date(serverNow)),
  ]);
  const config = getConfig();
  const isAdmin = hasRole(user.role, "admin");
  return (
    <>
      <AutoRefresh intervalMs={10_000} />
      <PageHeader
        title="Workers"
        description={`Processes that claim and run remediation jobs. Limits: prod ${config.jobs.maxRunning.prod || "∞"} at once, nonprod ${config.jobs.maxRunning.nonprod || "∞"}, ${config.jobs.maxRunningPerNamespace || "∞"} per namespace.`}
        actions={isAdmin ? <RunTickButton /> : undefined}
      />
      {entries.length === 0 ? (
        <EmptyState title="No worker has reported yet">
          <p>
            On Vercel the cron route <code className="font-mono text-xs">/api/cron/tick</code> runs every minute (set <code className="font-mono text-xs">CRON_SECRET</code>); self-hosted, start{" "}
            <code className="font-mono text-xs">npm run worker</code> on one or more hosts. With the embedded database the app runs its own worker.
          </p>
          {isAdmin && <p>You can also run one tick now with the button above.</p>}
        </EmptyState>
      ) : (
        <Table caption="Workers" head={WORKER_TABLE_HEAD}>
          {entries.map((entry) =>
            entry.type === "worker" ? <WorkerRow key={entry.worker.id} worker={entry.worker} serverNow={serverNow} /> : <GoneWorkersRow key={`gone-${entry.gone.kind}`} gone={entry.gone} serverNow={serverNow} />,
          )}
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
