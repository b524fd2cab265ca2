import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/issues/auto-refresh";
import { RelativeTime } from "@/components/issues/relative-time";
import { CheckInCommands } from "@/components/monitors/check-in-commands";
import { CheckInTimeline } from "@/components/monitors/check-in-timeline";
import { DurationChart } from "@/components/monitors/duration-chart";
import { MonitorActions } from "@/components/monitors/monitor-actions";
import { formatDuration, formatUptime, MonitorStatusBadge } from "@/components/monitors/monitor-badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { NotFound } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/http/public-url";
import { describeSchedule, getMonitorDetail, TIMELINE_WINDOWS, type MonitorDetail, type TimelineWindow } from "@/lib/monitors";

type Params = Promise<{ slug: string }>;

const WINDOW_LABEL: Record<TimelineWindow, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

export async function generateMetadata({ params }: { params: Params }) {
  return { title: `Monitor ${(await params).slug}` };
}

export default async function MonitorPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageRole("viewer");
  const { slug } = await params;
  const requested = (await searchParams).window;
  const window: TimelineWindow = requested && requested in TIMELINE_WINDOWS ? (requested as TimelineWindow) : "24h";
  let monitor: MonitorDetail;
  try {
    monitor = await getMonitorDetail(slug, window);
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  const baseUrl = await publicBaseUrl();
  const isAdmin = hasRole(user.role, "admin");
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  const serverNow = Date.now();
  const { config } = monitor;
  return (
    <>
      <AutoRefresh intervalMs={15_000} />
      <PageHeader
        title={monitor.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{monitor.slug}</span>
            <MonitorStatusBadge status={monitor.status} />
            {monitor.kind === "worker" && <Badge tone="brand">batch worker</Badge>}
            {monitor.relayToSentry && <Badge tone="info">relayed to Sentry</Badge>}
          </span>
        }
      />
      <p className="-mt-4 mb-6 text-sm">
        <Link href="/monitors" className="text-brand hover:underline">
          ← All monitors
        </Link>
      </p>
      {monitor.openIncident && (
        <div className="mb-6">
          <Alert tone="danger">
            Incident open since <RelativeTime iso={monitor.openIncident.openedAt} serverNow={serverNow} />: {monitor.openIncident.reason}. It resolves after {config.recoveryThreshold} ok check-in{config.recoveryThreshold === 1 ? "" : "s"} in a row.
          </Alert>
        </div>
      )}
      {monitor.timezoneWarning && (
        <div className="mb-6">
          <Alert tone="warn">{monitor.timezoneWarning}</Alert>
        </div>
      )}

      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {(Object.keys(WINDOW_LABEL) as TimelineWindow[]).map((name) => (
          <div key={name} className="rounded-lg border border-border bg-surface p-4">
            <dt className="text-xs text-muted">Uptime {WINDOW_LABEL[name]}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`uptime-${name}`}>
              {formatUptime(monitor.uptime[name].ratio)}
            </dd>
            <dd className="text-xs text-muted">
              {monitor.uptime[name].ok} ok · {monitor.uptime[name].failed} failed
            </dd>
          </div>
        ))}
        <div className="rounded-lg border border-border bg-surface p-4">
          <dt className="text-xs text-muted">Last check-in</dt>
          <dd className="mt-1 text-sm font-medium">{monitor.lastCheckInAt ? <RelativeTime iso={monitor.lastCheckInAt} serverNow={serverNow} /> : "never"}</dd>
          <dt className="mt-2 text-xs text-muted">Next expected</dt>
          <dd className="mt-1 text-sm font-medium">{monitor.nextExpectedAt ? <RelativeTime iso={monitor.nextExpectedAt} serverNow={serverNow} /> : "on its first check-in"}</dd>
        </div>
      </dl>

      <Card
        title={`Timeline, last ${WINDOW_LABEL[window]}`}
        className="mb-6"
        action={
          <nav className="flex gap-1 text-xs" aria-label="Timeline window">
            {(Object.keys(WINDOW_LABEL) as TimelineWindow[]).map((name) => (
              <Link key={name} href={`/monitors/${monitor.slug}?window=${name}`} aria-current={name === window ? "page" : undefined} className={`rounded px-2 py-1 ${name === window ? "bg-brand text-white" : "text-muted hover:bg-canvas"}`}>
                {name}
              </Link>
            ))}
          </nav>
        }
      >
        <CheckInTimeline buckets={monitor.timeline.buckets} />
      </Card>

      <div className="mb-6 grid gap-6 lg:grid-cols-3">
        <Card title="Run duration" className="lg:col-span-2">
          <DurationChart points={monitor.durations} maxRuntimeMinutes={config.maxRuntime} />
        </Card>
        <Card title="Configuration">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted">Schedule</dt>
            <dd className="font-mono text-xs">{describeSchedule(config.schedule, config.timezone)}</dd>
            <dt className="text-muted">Check-in margin</dt>
            <dd>{config.checkinMargin} min</dd>
            <dt className="text-muted">Max runtime</dt>
            <dd>{config.maxRuntime} min</dd>
            <dt className="text-muted">Incident after</dt>
            <dd>{config.failureIssueThreshold} failure(s) in a row</dd>
            <dt className="text-muted">Resolved after</dt>
            <dd>{config.recoveryThreshold} ok(s) in a row</dd>
            <dt className="text-muted">Check-in token</dt>
            <dd className="font-mono text-xs">{monitor.tokenPrefix ? `${monitor.tokenPrefix}…` : "none (API tokens only)"}</dd>
          </dl>
          <p className="mt-3 text-xs text-muted">Each check-in that carries a monitor_config updates these settings, as in Sentry.</p>
        </Card>
      </div>

      {isAdmin && (
        <Card title="Manage" className="mb-6">
          <MonitorActions slug={monitor.slug} enabled={monitor.status !== "disabled"} relayToSentry={monitor.relayToSentry} baseUrl={baseUrl} isWorkerMonitor={monitor.kind === "worker"} />
        </Card>
      )}

      <div className="mb-6">
        <Table caption="Recent check-ins" head={["Status", "Started", "Duration", "Environment", "Source", "Check-in id", "Sentry"]}>
          {monitor.checkIns.length === 0 ? (
            <tr>
              <Cell className="text-muted">No check-ins yet.</Cell>
            </tr>
          ) : (
            monitor.checkIns.map((checkIn) => (
              <tr key={checkIn.id} data-testid="checkin-row">
                <Cell>
                  <MonitorStatusBadge status={checkIn.status} />
                </Cell>
                <Cell className="whitespace-nowrap text-muted">
                  <RelativeTime iso={checkIn.startedAt} serverNow={serverNow} />
                </Cell>
                <Cell className="tabular-nums">{formatDuration(checkIn.durationMs)}</Cell>
                <Cell className="font-mono text-xs">{checkIn.environment}</Cell>
                <Cell className="text-xs text-muted">{checkIn.source}{checkIn.workerId ? ` · ${checkIn.workerId}` : ""}</Cell>
                <Cell className="font-mono text-xs text-muted">{checkIn.checkInId.slice(0, 8)}</Cell>
                <Cell className="text-xs text-muted">{checkIn.sentryRelay ?? "—"}</Cell>
              </tr>
            ))
          )}
        </Table>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Incidents">
          {monitor.incidents.length === 0 ? (
            <p className="text-sm text-muted">No incidents. One opens after {config.failureIssueThreshold} failed, missed or timed-out check-in(s) in a row.</p>
          ) : (
            <ul className="divide-y divide-border text-sm">
              {monitor.incidents.map((incident) => (
                <li key={incident.id} className="py-2">
                  <p className="flex items-center gap-2">
                    <Badge tone={incident.resolvedAt ? "ok" : "danger"}>{incident.resolvedAt ? "resolved" : "open"}</Badge>
                    {incident.reason}
                  </p>
                  <p className="text-xs text-muted">
                    Opened <RelativeTime iso={incident.openedAt} serverNow={serverNow} />
                    {incident.resolvedAt && (
                      <>
                        , resolved <RelativeTime iso={incident.resolvedAt} serverNow={serverNow} />
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Send check-ins">
          <CheckInCommands baseUrl={baseUrl} slug={monitor.slug} />
        </Card>
      </div>
    </>
  );
}
