"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { RelativeTime } from "@/components/issues/relative-time";
import { formatExact } from "@/components/issues/time-format";
import { formatDuration } from "@/components/jobs/job-badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { apiFetch } from "@/lib/api-client";
import { draftFromCheck } from "@/lib/health/form-draft";
import { KIND_LABELS } from "@/lib/health/model";
import type { HealthCheckDetail, HealthCheckView, HealthRunResult } from "@/lib/health/views";
import { HealthStateBadge, LatencyFigure, UptimeFigure } from "./health-badges";
import { HealthCheckFormDialog } from "./health-check-form";
import { LatencyChart } from "./latency-chart";
import { RunCheckButton } from "./run-check-button";

const REFRESH_MS = 30_000;

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-muted">{label}</p>
      <div className="mt-1 text-lg font-semibold text-ink">{children}</div>
    </div>
  );
}

const TARGET_LABELS: Record<string, string> = {
  url: "URL",
  method: "Method",
  expectedStatus: "Expected status",
  bodyContains: "Body contains",
  latencyThresholdMs: "Latency threshold",
  headers: "Headers",
  followRedirects: "Follow redirects",
  host: "Host",
  port: "Port",
  mode: "Connection",
  token: "Token",
};

function targetValue(key: string, value: unknown): ReactNode {
  if (key === "expectedStatus" && Array.isArray(value) && value.length === 0) return "any 2xx";
  if (key === "latencyThresholdMs") return `${value} ms`;
  if (key === "mode") return value === "upstash" ? "Upstash REST" : "Redis protocol";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** The check's settings as stored, secrets shown as *** (the server never sends them). */
function Settings({ check }: { check: HealthCheckView }) {
  const rows: [string, ReactNode][] = [
    ["Kind", KIND_LABELS[check.kind]],
    ...Object.entries(check.target).map(([key, value]): [string, ReactNode] => [
      TARGET_LABELS[key] ?? key,
      typeof value === "object" && value !== null && !Array.isArray(value) ? (
        Object.keys(value).length === 0 ? (
          <span className="text-muted">none</span>
        ) : (
          <ul>
            {Object.entries(value).map(([name, v]) => (
              <li key={name}>
                {name}: {String(v)}
              </li>
            ))}
          </ul>
        )
      ) : Array.isArray(value) ? (
        targetValue(key, value) === "any 2xx" ? "any 2xx" : value.join(", ")
      ) : (
        targetValue(key, value)
      ),
    ]),
    ["Interval", `${check.intervalSeconds} s`],
    ["Timeout", `${check.timeoutMs} ms`],
    ["Enabled", check.enabled ? "yes" : "no (paused)"],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className="break-all font-mono text-xs leading-5 text-ink">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One check: state and figures, latency over 24 h, incidents, latest probes; run, edit, delete. */
export function HealthCheckDetailView({ initial, canOperate, canAdmin, serverNow }: { initial: HealthCheckDetail; canOperate: boolean; canAdmin: boolean; serverNow: number }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = initial.check.id;
  const detail = useQuery({ queryKey: ["health-check", id], queryFn: () => apiFetch<HealthCheckDetail>(`/api/health-checks/${id}`), initialData: initial, refetchInterval: REFRESH_MS });
  const { check, series, recentSamples, incidents } = detail.data;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [ran, setRan] = useState<HealthRunResult | Error | null>(null);
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/health-checks/${id}`, { method: "DELETE" }),
    onSuccess: async () => {
      // The list page shows its cached copy first: it must not bring the check back.
      queryClient.removeQueries({ queryKey: ["health-check", id] });
      await queryClient.invalidateQueries({ queryKey: ["health-checks"] });
      router.push("/health");
      router.refresh();
    },
  });
  const threshold = check.kind === "http" && "latencyThresholdMs" in check.target ? check.target.latencyThresholdMs : undefined;

  return (
    <>
      <Link href="/health" className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-muted hover:text-ink">
        <span aria-hidden>←</span> Health
      </Link>
      <PageHeader
        title={check.name}
        description={<span className="font-mono text-xs">{check.summary}</span>}
        actions={
          <>
            {canOperate && <RunCheckButton checkId={id} name={check.name} variant="primary" onResult={setRan} />}
            {canAdmin && (
              <>
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  Edit
                </Button>
                <Button variant="ghost" onClick={() => setDeleting(true)}>
                  Delete
                </Button>
              </>
            )}
          </>
        }
      />
      {ran && (
        <div className="mb-4">
          {ran instanceof Error ? (
            <Alert tone="danger">{ran.message}</Alert>
          ) : ran.sample.ok ? (
            <Alert tone="ok">Up: answered in {ran.sample.latencyMs} ms.</Alert>
          ) : (
            <Alert tone="danger">Down: {ran.sample.error}</Alert>
          )}
        </div>
      )}
      {check.openIncident && (
        <div className="mb-4">
          <Alert tone="danger">
            Down since <RelativeTime iso={check.openIncident.startedAt} serverNow={serverNow} />: {check.openIncident.reason}
          </Alert>
        </div>
      )}

      <div className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="State">
          <HealthStateBadge state={check.state} enabled={check.enabled} />
        </Stat>
        <Stat label="Last latency">
          <LatencyFigure ms={check.lastSample?.latencyMs} />
        </Stat>
        <Stat label="Uptime 24 h">
          <UptimeFigure percent={check.uptime24h} />
        </Stat>
        <Stat label="Last checked">
          <span className="text-base font-medium">
            <RelativeTime iso={check.lastCheckedAt} serverNow={serverNow} />
          </span>
          {check.enabled && (
            <p className="text-xs font-normal text-muted">
              next <RelativeTime iso={check.nextCheckAt} serverNow={serverNow} />
            </p>
          )}
        </Stat>
      </div>

      <div className="grid gap-6 xl:grid-cols-3">
        <Card title="Latency, last 24 h (UTC)" className="xl:col-span-2">
          <LatencyChart series={series} thresholdMs={threshold} />
        </Card>
        <Card title="Settings">
          <Settings check={check} />
        </Card>
        <Card title="Incidents" className="xl:col-span-1">
          {incidents.length === 0 ? (
            <p className="text-sm text-muted">No incidents: this check has not gone down.</p>
          ) : (
            <ol className="space-y-3 text-sm" aria-label="Incidents">
              {incidents.map((incident) => (
                <li key={incident.id} data-testid="health-incident" className="space-y-1">
                  <div className="flex items-center justify-between gap-2">
                    {incident.resolvedAt ? <Badge tone="ok">resolved</Badge> : <Badge tone="danger">ongoing</Badge>}
                    <span className="text-xs text-muted" title={formatExact(incident.startedAt)}>
                      {formatExact(incident.startedAt).slice(0, 16)} UTC
                    </span>
                  </div>
                  <p className="break-words text-ink">{incident.reason}</p>
                  <p className="text-xs text-muted">
                    {incident.resolvedAt ? `Down for ${formatDuration(new Date(incident.resolvedAt).getTime() - new Date(incident.startedAt).getTime())}` : <>Started <RelativeTime iso={incident.startedAt} serverNow={serverNow} /></>}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title="Latest probes" className="xl:col-span-2">
          {recentSamples.length === 0 ? (
            <p className="text-sm text-muted">Not probed yet: the next tick will, or press Run now.</p>
          ) : (
            <div className="max-h-96 overflow-y-auto">
              <table className="min-w-full text-sm">
                <caption className="sr-only">Latest probes</caption>
                <thead>
                  <tr className="text-left text-xs uppercase tracking-wide text-muted">
                    <th scope="col" className="pb-2 font-semibold">When</th>
                    <th scope="col" className="pb-2 font-semibold">Result</th>
                    <th scope="col" className="pb-2 text-right font-semibold">Latency</th>
                    <th scope="col" className="pb-2 pl-4 font-semibold">Reason</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {recentSamples.map((sample) => (
                    <tr key={sample.id} data-testid="health-sample">
                      <td className="whitespace-nowrap py-1.5 pr-4 text-muted">
                        <RelativeTime iso={sample.createdAt} serverNow={serverNow} />
                      </td>
                      <td className="py-1.5 pr-4">{sample.ok ? <Badge tone="ok">up</Badge> : <Badge tone="danger">down</Badge>}</td>
                      <td className="whitespace-nowrap py-1.5 text-right">
                        <LatencyFigure ms={sample.latencyMs} />
                      </td>
                      <td className="break-words py-1.5 pl-4 text-xs text-muted">{sample.error ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>

      {editing && <HealthCheckFormDialog open checkId={id} initial={draftFromCheck(check)} onClose={() => setEditing(false)} onSaved={() => router.refresh()} />}
      <ConfirmDialog
        open={deleting}
        title={`Delete “${check.name}”?`}
        confirmLabel="Delete check"
        tone="danger"
        busy={remove.isPending}
        error={remove.error?.message ?? null}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate()}
      >
        <p>Its samples and incident history go with it. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
