"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RelativeTime } from "@/components/issues/relative-time";
import { Alert } from "@/components/ui/alert";
import { Table } from "@/components/ui/table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFetch } from "@/lib/api-client";
import { NEW_CHECK_DRAFT } from "@/lib/health/form-draft";
import type { HealthCheckView, HealthRunResult } from "@/lib/health/views";
import { HealthStateBadge, KindBadge, LatencyFigure, UptimeFigure } from "./health-badges";
import { HealthCheckFormDialog } from "./health-check-form";
import { RunCheckButton } from "./run-check-button";

/** The tick probes once a minute: refreshing more often would show nothing new. */
const REFRESH_MS = 30_000;

function runMessage(name: string, result: HealthRunResult | Error): { tone: "ok" | "danger"; text: string } {
  if (result instanceof Error) return { tone: "danger", text: `${name}: ${result.message}` };
  return result.sample.ok ? { tone: "ok", text: `${name} is up (${result.sample.latencyMs} ms).` } : { tone: "danger", text: `${name} is down: ${result.sample.error}` };
}

/** Every check with its state, last latency and 24 h uptime; admins add checks, operators run them. */
export function HealthCheckList({ initialChecks, canOperate, canAdmin, serverNow }: { initialChecks: HealthCheckView[]; canOperate: boolean; canAdmin: boolean; serverNow: number }) {
  const checks = useQuery({
    queryKey: ["health-checks"],
    queryFn: async () => (await apiFetch<{ checks: HealthCheckView[] }>("/api/health-checks")).checks,
    initialData: initialChecks,
    refetchInterval: REFRESH_MS,
  });
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "danger"; text: string } | null>(null);
  const down = checks.data.filter((check) => check.enabled && check.state === "down");

  return (
    <div className="space-y-4">
      {canAdmin && (
        <div className="flex justify-end">
          <Button onClick={() => setCreating(true)}>Add check</Button>
        </div>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {checks.data.length === 0 ? (
        <EmptyState title="No health checks yet" action={canAdmin ? <Button onClick={() => setCreating(true)}>Add your first check</Button> : undefined}>
          <p>Add a check for each dependency remediation relies on, so a down dependency shows here before a job fails on it:</p>
          <ul className="mx-auto max-w-md list-disc space-y-1 pl-5 text-left">
            <li>the API behind a restart hook or a deploy — an HTTP(S) check with the status and body it should answer;</li>
            <li>the database — a PostgreSQL check (<code className="font-mono text-xs">select 1</code>) or a TCP connect to its port;</li>
            <li>the cache — a Redis PING, over the Redis protocol or Upstash REST.</li>
          </ul>
          {!canAdmin && <p>Ask an admin to add them.</p>}
        </EmptyState>
      ) : (
        <>
          {down.length > 0 && (
            <Alert tone="danger">
              {down.length === 1 ? `${down[0]!.name} is down: ${down[0]!.openIncident?.reason ?? down[0]!.lastSample?.error ?? "see its latest probe"}` : `${down.length} checks are down: ${down.map((check) => check.name).join(", ")}.`}
            </Alert>
          )}
          <Table caption="Health checks" head={["Check", "Target", "State", "Last latency", "Last checked", "Uptime 24 h", ""]}>
            {checks.data.map((check) => (
              <tr key={check.id} data-testid="health-check-row" className={check.enabled ? "" : "bg-canvas/60 text-muted"}>
                <td className="min-w-36 px-4 py-3 align-top">
                  <Link href={`/health/${check.id}`} className="font-medium text-ink hover:text-brand">
                    {check.name}
                  </Link>
                  <div className="mt-1">
                    <KindBadge kind={check.kind} />
                  </div>
                </td>
                <td className="max-w-64 px-4 py-3 align-top">
                  <p className="truncate font-mono text-xs text-ink" title={check.summary}>
                    {check.summary}
                  </p>
                  <p className="mt-1 text-xs text-muted">every {check.intervalSeconds >= 120 && check.intervalSeconds % 60 === 0 ? `${check.intervalSeconds / 60} min` : `${check.intervalSeconds} s`}</p>
                </td>
                <td className="px-4 py-3 align-top">
                  <HealthStateBadge state={check.state} enabled={check.enabled} />
                  {check.state === "down" && check.lastSample?.error && (
                    <p className="mt-1 line-clamp-2 max-w-56 break-words text-xs text-danger" title={check.lastSample.error}>
                      {check.lastSample.error}
                    </p>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right align-top">
                  <LatencyFigure ms={check.lastSample?.latencyMs} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 align-top text-muted">
                  <RelativeTime iso={check.lastCheckedAt} serverNow={serverNow} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right align-top">
                  <UptimeFigure percent={check.uptime24h} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right align-top">{canOperate && <RunCheckButton checkId={check.id} name={check.name} variant="ghost" onResult={(result) => setMessage(runMessage(check.name, result))} />}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {creating && <HealthCheckFormDialog open onClose={() => setCreating(false)} initial={NEW_CHECK_DRAFT} onSaved={(check) => setMessage({ tone: "ok", text: `Added ${check.name}. It is probed at the next tick, or press Run now.` })} />}
    </div>
  );
}
