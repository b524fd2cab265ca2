"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatDuration } from "@/components/jobs/job-badges";
import { apiFetch } from "@/lib/api-client";
import type { LoopFigures, LoopMetrics } from "@/lib/metrics/loop";
import { LOOP_SNAPSHOT_REFRESH_MS } from "@/lib/metrics/loop-refresh";
import type { DashboardRange } from "@/lib/metrics/range";

const percent = (ratio: number | null) => (ratio === null ? "—" : `${Math.round(ratio * 100)}%`);
const duration = (seconds: number | null) => (seconds === null ? "—" : seconds < 1 ? "< 1 s" : formatDuration(seconds * 1000));

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-ink">{value}</dd>
      <dd className="text-xs text-muted">{hint}</dd>
    </div>
  );
}

/** The four headline figures of remediation effectiveness (the overview's card, a rule's page). */
export function LoopFiguresList({ figures }: { figures: LoopFigures }) {
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      <Figure label="Auto-remediated" value={percent(figures.autoRemediationRate)} hint="of issues acted on, fixed and verified" />
      <Figure label="Fixes that held" value={percent(figures.effectiveness)} hint={`${figures.verified} verified · ${figures.ineffective} ineffective · ${figures.finished} runs`} />
      <Figure label="Time to remediate" value={duration(figures.medianTimeToRemediateSeconds)} hint="median, detected → job succeeded" />
      <Figure label="Time to resolve" value={duration(figures.medianTimeToResolveSeconds)} hint="median, detected → resolved by a fix" />
    </dl>
  );
}

/**
 * Does remediation work? Per script or per rule over the range: runs, success, how many fixes
 * held through the verification window, and the medians from detection to fix and to resolve.
 */
export function RemediationLoopCard({ range, rangeLabel, refreshMs }: { range: string; rangeLabel: string; refreshMs: number }) {
  const [by, setBy] = useState<"script" | "rule">("script");
  const query = useQuery({ queryKey: ["overview-loop", range], queryFn: () => apiFetch<LoopMetrics>(`/api/overview/remediation?range=${range}`), refetchInterval: refreshMs });
  const metrics = query.data;
  const rows: (LoopFigures & { key: string; label: string; href: string | null })[] = !metrics
    ? []
    : by === "script"
      ? metrics.byScript.map((row) => ({ ...row, key: row.script, label: row.script, href: `/jobs?script=${encodeURIComponent(row.script)}` }))
      : metrics.byRule.map((row) => ({ ...row, key: row.ruleId ?? "manual", label: row.ruleId ? (row.ruleName ?? "Deleted rule") : "Manual and API runs", href: row.ruleId ? `/rules/${row.ruleId}` : null }));

  return (
    <section className="rounded-lg border border-border bg-surface shadow-sm" aria-label="Remediation effectiveness">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-border px-5 py-3">
        <div>
          <h2 className="text-sm font-semibold">Remediation effectiveness ({rangeLabel})</h2>
          {metrics && range !== "1h" && (
            <p className="text-xs text-muted" data-testid="loop-computed-at">
              Figures as of {new Date(metrics.computedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })} · refreshed every {LOOP_SNAPSHOT_REFRESH_MS[range as DashboardRange] / 60_000} min
            </p>
          )}
        </div>
        <div className="inline-flex rounded-md border border-border p-0.5 text-xs" role="group" aria-label="Group by">
          {(["script", "rule"] as const).map((option) => (
            <button key={option} type="button" onClick={() => setBy(option)} aria-pressed={by === option} className={`rounded px-2.5 py-1 ${by === option ? "bg-brand text-white" : "text-muted hover:text-ink"}`}>
              By {option}
            </button>
          ))}
        </div>
      </header>
      <div className="space-y-5 p-5">
        {query.isError && <p className="text-sm text-danger">Could not load the figures: {query.error.message}</p>}
        {!metrics && !query.isError && <div className="h-40 animate-pulse rounded-md bg-canvas" aria-hidden />}
        {metrics && (
          <>
            <LoopFiguresList figures={metrics.total} />
            {rows.length === 0 ? (
              <p className="text-sm text-muted">
                No remediation finished in this range. Tick “Resolve in Sentry on success” on a rule or a run to see whether fixes hold.
              </p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="loop-table">
                  <thead className="text-xs uppercase tracking-wide text-muted">
                    <tr>
                      <th className="py-2 pr-4 font-medium">{by === "script" ? "Script" : "Rule"}</th>
                      <th className="py-2 pr-4 text-right font-medium">Runs</th>
                      <th className="py-2 pr-4 text-right font-medium">Success</th>
                      <th className="py-2 pr-4 text-right font-medium">Auto-remediated</th>
                      <th className="py-2 pr-4 text-right font-medium">Verified</th>
                      <th className="py-2 pr-4 text-right font-medium">Ineffective</th>
                      <th className="py-2 pr-4 text-right font-medium">Time to remediate</th>
                      <th className="py-2 text-right font-medium">Time to resolve</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-border">
                    {rows.map((row) => (
                      <tr key={row.key}>
                        <td className="max-w-64 truncate py-2 pr-4">
                          {row.href ? (
                            <Link href={row.href} className="font-medium text-brand hover:underline">
                              {row.label}
                            </Link>
                          ) : (
                            <span className="font-medium text-ink">{row.label}</span>
                          )}
                        </td>
                        <td className="py-2 pr-4 text-right tabular-nums">{row.finished}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{percent(row.successRate)}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{percent(row.autoRemediationRate)}</td>
                        <td className="py-2 pr-4 text-right tabular-nums text-ok">{row.verified}</td>
                        <td className={`py-2 pr-4 text-right tabular-nums ${row.ineffective > 0 ? "text-danger" : ""}`}>{row.ineffective}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{duration(row.medianTimeToRemediateSeconds)}</td>
                        <td className="py-2 text-right tabular-nums">{duration(row.medianTimeToResolveSeconds)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
