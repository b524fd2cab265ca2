import { AddChannelForm, AddRouteForm, RouteActions, SnoozeForm, TestChannelButton } from "@/components/alerts/alert-forms";
import { RelativeTime } from "@/components/issues/relative-time";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { listChannels, listDeliveries, listMaintenanceWindows, listRoutes, type AlertMatch, type ChannelView } from "@/lib/alerts";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { getConfig } from "@/lib/config";

export const metadata = { title: "Alerts" };

const STATUS_TONE: Record<string, Tone> = { sent: "ok", pending: "info", sending: "info", suppressed: "neutral", failed: "danger" };

function describeMatch(match: AlertMatch): string {
  const parts = [
    match.types && `events ${match.types.join(", ")}`,
    match.tiers && `tier ${match.tiers.join(", ")}`,
    match.classes && `class ${match.classes.join(", ")}`,
    match.namespaces && `namespace ${match.namespaces.join(", ")}`,
    match.environments && `environment ${match.environments.join(", ")}`,
    match.scripts && `script ${match.scripts.join(", ")}`,
    match.levels && `level ${match.levels.join(", ")}`,
    match.minSeverity && `severity ≥ ${match.minSeverity}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : "every event";
}

export default async function AlertsPage() {
  const user = await requirePageRole("viewer");
  const canOperate = hasRole(user.role, "operator");
  const canAdmin = hasRole(user.role, "admin");
  const [channels, routes, windows, deliveries] = await Promise.all([canOperate ? listChannels() : Promise.resolve<ChannelView[]>([]), listRoutes(), listMaintenanceWindows(), listDeliveries(50)]);
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  const serverNow = Date.now();
  return (
    <>
      <PageHeader title="Alerts" description="Where failures, approvals and recoveries are announced, routed by tier: production to Slack and PagerDuty, non-production to email, a webhook or GitHub. Delivery goes through an outbox the tick sends, with retries; a channel outage never holds up jobs or intake." />
      <div className="space-y-6">
        {canOperate && (
          <Card title="Channels">
            <div className="space-y-4">
              {channels.length === 0 ? (
                <p className="text-sm text-muted">No channels yet. Add Slack for production, PagerDuty for what must wake someone, a webhook for anything else.</p>
              ) : (
                <Table head={["Name", "Kind", "Secret", "Last test", ""]} caption="Alert channels">
                  {channels.map((channel) => (
                    <tr key={channel.id}>
                      <Cell className="font-medium">{channel.name}</Cell>
                      <Cell>
                        <Badge tone="brand">{channel.kind}</Badge>
                      </Cell>
                      <Cell className="text-muted">{channel.secretSource === "stored" ? "stored encrypted" : channel.secretSource === "environment" ? `ALERT_SECRET_${channel.secretEnvVar}` : "none"}</Cell>
                      <Cell className="text-muted">{channel.lastTestAt ? `${channel.lastTestResult} · ` : "never"}{channel.lastTestAt && <RelativeTime iso={channel.lastTestAt} serverNow={serverNow} />}</Cell>
                      <Cell className="text-right">{canAdmin && <TestChannelButton channelId={channel.id} name={channel.name} />}</Cell>
                    </tr>
                  ))}
                </Table>
              )}
              {canAdmin && <AddChannelForm secretsCanBeStored={Boolean(getConfig().appSecret)} />}
            </div>
          </Card>
        )}

        <Card title="Routes">
          <div className="space-y-4">
            {routes.length === 0 ? (
              <p className="text-sm text-muted">No routes yet: events are recorded but go nowhere. A route sends matching events to its channels, one alert per group per throttle window.</p>
            ) : (
              <Table head={["Route", "Matches", "Channels", "Throttle", ""]} caption="Alert routes">
                {routes.map((route) => (
                  <tr key={route.id}>
                    <Cell className="font-medium">
                      {route.name}
                      {!route.enabled && <span className="ml-2 text-xs text-muted">(off)</span>}
                    </Cell>
                    <Cell className="text-muted">{describeMatch(route.match)}</Cell>
                    <Cell>{route.channels.map((channel) => channel.name).join(", ")}</Cell>
                    <Cell className="text-muted">{route.throttleSeconds === 0 ? "none" : `${Math.round(route.throttleSeconds / 60)} min`}</Cell>
                    <Cell className="text-right">{canAdmin && <RouteActions routeId={route.id} name={route.name} enabled={route.enabled} />}</Cell>
                  </tr>
                ))}
              </Table>
            )}
            {canAdmin && <AddRouteForm channels={channels} />}
          </div>
        </Card>

        <Card title="Maintenance and snoozes">
          <div className="space-y-4">
            {windows.length === 0 ? (
              <p className="text-sm text-muted">Nothing is held. During a window, matching alerts are suppressed; resolves still go out.</p>
            ) : (
              <ul className="divide-y divide-border text-sm" aria-label="Maintenance windows">
                {windows.map((window) => (
                  <li key={window.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span className="font-medium text-ink">{window.name}</span>
                    <span className="text-muted">{describeMatch(window.match)}</span>
                    <span className="text-xs text-muted">
                      until <RelativeTime iso={window.endsAt} serverNow={serverNow} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {canOperate && <SnoozeForm />}
          </div>
        </Card>

        <Card title="Delivery history">
          {deliveries.length === 0 ? (
            <p className="text-sm text-muted">Nothing delivered yet.</p>
          ) : (
            <Table head={["When", "Event", "Channel", "Status", "Detail"]} caption="Alert deliveries">
              {deliveries.map((delivery) => (
                <tr key={delivery.id} data-testid="alert-delivery">
                  <Cell className="whitespace-nowrap text-muted">
                    <RelativeTime iso={delivery.createdAt} serverNow={serverNow} />
                  </Cell>
                  <Cell>
                    <span className="font-medium">{delivery.event.title}</span>
                    <span className="block text-xs text-muted">
                      {delivery.event.type}
                      {delivery.event.tier ? ` · ${delivery.event.tier}` : ""} · {delivery.event.severity}
                      {delivery.event.resolves ? " · resolves" : ""}
                    </span>
                  </Cell>
                  <Cell>{delivery.channel.name}</Cell>
                  <Cell>
                    <Badge tone={STATUS_TONE[delivery.status] ?? "neutral"}>{delivery.status}</Badge>
                  </Cell>
                  <Cell className="text-xs text-muted">{delivery.lastError ?? (delivery.attempts > 1 ? `${delivery.attempts} attempts` : "")}</Cell>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
