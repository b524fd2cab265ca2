import Link from "next/link";
import { AutoRefresh } from "@/components/issues/auto-refresh";
import { RelativeTime } from "@/components/issues/relative-time";
import { CheckInCommands } from "@/components/monitors/check-in-commands";
import { formatDuration, formatUptime, MonitorStatusBadge } from "@/components/monitors/monitor-badges";
import { NewMonitorForm } from "@/components/monitors/new-monitor-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { publicBaseUrl } from "@/lib/http/public-url";
import { listMonitors } from "@/lib/monitors";

export const metadata = { title: "Monitors" };

export default async function MonitorsPage() {
  const user = await requirePageRole("viewer");
  const [monitors, baseUrl] = await Promise.all([listMonitors(), publicBaseUrl()]);
  const isAdmin = hasRole(user.role, "admin");
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  const serverNow = Date.now();
  return (
    <>
      <AutoRefresh intervalMs={15_000} />
      <PageHeader
        title="Monitors"
        description="Cron check-ins with Sentry's semantics: the batch workers' own passes, and your scheduled jobs. Late is missed, too long is a timeout, repeated failures open an incident."
      />
      {isAdmin && (
        <div className="mb-6">
          <NewMonitorForm baseUrl={baseUrl} />
        </div>
      )}
      {monitors.length === 0 ? (
        <EmptyState title="No monitor has checked in yet">
          <p>The batch workers create their monitors (batch-worker-prod, batch-worker-nonprod) on their first pass: wait for the cron tick, or run one from Workers.</p>
          <p>For your own scheduled jobs, send check-ins the way Sentry&apos;s crons docs show, to this app:</p>
          <div className="mt-3 text-left">
            <CheckInCommands baseUrl={baseUrl} slug="nightly-backup" />
          </div>
        </EmptyState>
      ) : (
        <Table caption="Monitors" head={["Monitor", "Status", "Schedule", "Last check-in", "Next expected", "Uptime 24 h", "Last run"]}>
          {monitors.map((monitor) => (
            <tr key={monitor.slug} data-testid="monitor-row">
              <Cell>
                <Link href={`/monitors/${monitor.slug}`} className="font-medium text-brand hover:underline">
                  {monitor.name}
                </Link>
                <p className="flex items-center gap-2 font-mono text-xs text-muted">
                  {monitor.slug}
                  {monitor.kind === "worker" && <Badge tone="brand">worker</Badge>}
                </p>
              </Cell>
              <Cell>
                <MonitorStatusBadge status={monitor.status} />
                {monitor.openIncident && <p className="mt-1 text-xs text-danger">Incident open</p>}
              </Cell>
              <Cell className="font-mono text-xs">{monitor.scheduleLabel}</Cell>
              <Cell className="whitespace-nowrap text-muted">{monitor.lastCheckInAt ? <RelativeTime iso={monitor.lastCheckInAt} serverNow={serverNow} /> : "never"}</Cell>
              <Cell className="whitespace-nowrap text-muted">{monitor.nextExpectedAt ? <RelativeTime iso={monitor.nextExpectedAt} serverNow={serverNow} /> : "—"}</Cell>
              <Cell className="tabular-nums">{formatUptime(monitor.uptime24h.ratio)}</Cell>
              <Cell className="tabular-nums text-muted">{formatDuration(monitor.lastDurationMs)}</Cell>
            </tr>
          ))}
        </Table>
      )}
      {monitors.length > 0 && (
        <Card title="Send check-ins from your own jobs" className="mt-6">
          <CheckInCommands baseUrl={baseUrl} slug="<monitor-slug>" />
        </Card>
      )}
    </>
  );
}
