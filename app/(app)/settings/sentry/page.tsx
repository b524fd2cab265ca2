import type { ReactNode } from "react";
import { CopyableUrl, SentryConnectionCheck } from "@/components/settings/sentry-settings";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { requirePageRole } from "@/lib/auth/page";
import { publicBaseUrl } from "@/lib/http/public-url";
import { latestWebhookDelivery, pollCursors, SENTRY_WEBHOOK_PATH, sentrySettingsView } from "@/lib/sentry";

export const metadata = { title: "Sentry" };

const deliveryTone: Record<string, Tone> = { processed: "ok", duplicate: "neutral", received: "info", unhandled: "warn", failed: "danger" };

function Setting({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-3">
      <dt className="text-muted">{label}</dt>
      <dd className="font-medium sm:col-span-2">{children}</dd>
    </div>
  );
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export default async function SentrySettingsPage() {
  await requirePageRole("admin");
  const settings = sentrySettingsView();
  const [baseUrl, delivery, cursors] = await Promise.all([publicBaseUrl(), latestWebhookDelivery(), pollCursors(settings.projects)]);
  const apiConfigured = settings.apiTokenConfigured && settings.organization !== null;
  return (
    <>
      <PageHeader title="Sentry" description="How Sentry reaches this app (webhooks) and how this app reaches Sentry (REST API and poller). Values come from the environment; secrets are never shown." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Webhooks">
          <div className="space-y-4 text-sm">
            <div className="space-y-2">
              <p className="text-muted">In Sentry, Settings → Developer Settings → your internal integration, paste this as the Webhook URL and enable the issue, error and comment resources:</p>
              <CopyableUrl url={`${baseUrl}${SENTRY_WEBHOOK_PATH}`} />
            </div>
            <dl className="space-y-3">
              <Setting label="Client secret">
                {settings.clientSecretConfigured ? <Badge tone="ok">configured</Badge> : <Badge tone="danger">not set</Badge>}
                {!settings.clientSecretConfigured && <p className="mt-1 text-xs font-normal text-muted">Set SENTRY_CLIENT_SECRET to the integration&apos;s Client Secret so signatures can be verified.</p>}
              </Setting>
              <Setting label="Last delivery">
                {delivery ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-xs">
                      {delivery.resource}
                      {delivery.action ? `.${delivery.action}` : ""}
                    </span>
                    <Badge tone={deliveryTone[delivery.status] ?? "neutral"}>{delivery.status}</Badge>
                    <span className="font-normal text-muted">{when(delivery.receivedAt)}</span>
                  </span>
                ) : (
                  <span className="font-normal text-muted">none received yet</span>
                )}
              </Setting>
            </dl>
            {settings.allowUnsigned && (
              <Alert tone="warn">
                SENTRY_WEBHOOK_ALLOW_UNSIGNED is on: webhooks without a valid signature are accepted, so anyone who can reach this URL can create and change issues. Turn it off outside local development.
              </Alert>
            )}
          </div>
        </Card>
        <Card title="REST API">
          <div className="space-y-4 text-sm">
            <dl className="space-y-3">
              <Setting label="Base URL">
                <span className="font-mono text-xs">{settings.apiBaseUrl}</span>
              </Setting>
              <Setting label="Organization">{settings.organization ?? <span className="font-normal text-muted">not set (SENTRY_ORG)</span>}</Setting>
              <Setting label="Projects">{settings.projects.length > 0 ? settings.projects.join(", ") : <span className="font-normal text-muted">none (SENTRY_PROJECTS)</span>}</Setting>
              <Setting label="API token">{settings.apiTokenConfigured ? <Badge tone="ok">configured</Badge> : <Badge tone="danger">not set</Badge>}</Setting>
              <Setting label="Timeout">{settings.apiTimeoutMs} ms per call</Setting>
            </dl>
            <SentryConnectionCheck configured={apiConfigured} />
          </div>
        </Card>
      </div>
      {cursors.length > 0 && (
        <section className="mt-6 space-y-3">
          <h2 className="text-sm font-semibold text-ink">Poller</h2>
          <p className="text-sm text-muted">
            Catches what webhooks missed. Run <code className="font-mono text-xs">npm run sentry:poll</code> on a schedule.
          </p>
          <Table head={["Project", "Last successful poll", "Newest issue activity", "Last error"]} caption="Sentry poller state per project">
            {cursors.map((cursor) => (
              <tr key={cursor.project}>
                <Cell className="font-medium">{cursor.project}</Cell>
                <Cell className="whitespace-nowrap text-muted">{when(cursor.lastPolledAt)}</Cell>
                <Cell className="whitespace-nowrap text-muted">{when(cursor.lastChangeAt)}</Cell>
                <Cell className={cursor.lastError ? "text-danger" : "text-muted"}>{cursor.lastError ?? "—"}</Cell>
              </tr>
            ))}
          </Table>
        </section>
      )}
    </>
  );
}
