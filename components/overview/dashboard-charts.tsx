"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Dashboard } from "@/lib/metrics/dashboard";

// recharts draws SVG attributes, which take colours, not Tailwind classes (tokens: app/globals.css).
const GRID = "#e3e6eb";
const MUTED = "#5b6472";
const JOB_COLOURS = { succeeded: "#15803d", failed: "#b91c1c", timed_out: "#f59e0b", cancelled: "#94a3b8" } as const;
const LEVEL_COLOURS = { fatal: "#7f1d1d", error: "#dc2626", warning: "#f59e0b", info: "#0284c7", debug: "#94a3b8" } as const;
const CHECK_IN_COLOURS = { ok: "#22c55e", error: "#ef4444", timeout: "#fca5a5", missed: "#fbbf24", in_progress: "#38bdf8" } as const;

function tickLabel(bucketMs: number) {
  return (iso: string) => (bucketMs >= 86_400_000 ? iso.slice(5, 10) : bucketMs >= 6 * 3600_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(11, 16));
}

function Empty({ children }: { children: string }) {
  return <p className="flex h-56 items-center justify-center rounded-md bg-canvas px-4 text-center text-sm text-muted">{children}</p>;
}

function StackedBars<Key extends string>({ data, keys, colours, bucketMs, label }: { data: ({ at: string } & Record<Key, number>)[]; keys: readonly Key[]; colours: Record<Key, string>; bucketMs: number; label: string }) {
  return (
    <figure className="h-56" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="at" tickFormatter={tickLabel(bucketMs)} tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} width={36} />
          <Tooltip labelFormatter={(value) => `${String(value).slice(0, 16).replace("T", " ")} UTC`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((key) => (
            <Bar key={key} dataKey={key} name={key.replace("_", " ")} stackId="all" fill={colours[key]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

const sum = (points: Record<string, number | string>[]) => points.reduce((total, point) => total + Object.values(point).reduce<number>((inner, value) => inner + (typeof value === "number" ? value : 0), 0), 0);

export function JobsChart({ dashboard }: { dashboard: Dashboard }) {
  if (sum(dashboard.jobs.perBucket) === 0) return <Empty>No job finished in this range.</Empty>;
  return <StackedBars data={dashboard.jobs.perBucket} keys={["succeeded", "failed", "timed_out", "cancelled"] as const} colours={JOB_COLOURS} bucketMs={dashboard.bucketMs} label="Jobs finished per interval, by outcome" />;
}

export function IssuesChart({ dashboard }: { dashboard: Dashboard }) {
  if (sum(dashboard.issues.perBucket) === 0) return <Empty>No new issue in this range.</Empty>;
  return <StackedBars data={dashboard.issues.perBucket} keys={["fatal", "error", "warning", "info", "debug"] as const} colours={LEVEL_COLOURS} bucketMs={dashboard.bucketMs} label="New issues per interval, by level" />;
}

export function CheckInsChart({ dashboard }: { dashboard: Dashboard }) {
  const series = dashboard.workers.checkIns;
  if (series.every((monitor) => sum(monitor.points) === 0)) return <Empty>No worker check-in in this range.</Empty>;
  return (
    <div className="space-y-4">
      {series.map((monitor) => (
        <div key={monitor.slug}>
          <p className="mb-1 font-mono text-xs text-muted">{monitor.slug}</p>
          <figure className="h-28" aria-label={`Check-ins of ${monitor.slug} per interval, by status`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={monitor.points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <XAxis dataKey="at" tickFormatter={tickLabel(dashboard.bucketMs)} tick={{ fontSize: 10, fill: MUTED }} stroke={GRID} minTickGap={24} />
                <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: MUTED }} stroke={GRID} width={36} />
                <Tooltip labelFormatter={(value) => `${String(value).slice(0, 16).replace("T", " ")} UTC`} />
                {(["ok", "error", "timeout", "missed", "in_progress"] as const).map((status) => (
                  <Bar key={status} dataKey={status} name={status.replace("_", " ")} stackId="all" fill={CHECK_IN_COLOURS[status]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </div>
      ))}
    </div>
  );
}

export function SuccessByScriptChart({ dashboard }: { dashboard: Dashboard }) {
  const rows = dashboard.jobs.byScript.map((row) => ({ ...row, percent: row.successRate === null ? 0 : Math.round(row.successRate * 100) }));
  if (rows.length === 0) return <Empty>No finished runs to rate yet.</Empty>;
  return (
    <figure style={{ height: Math.max(120, rows.length * 32 + 40) }} aria-label="Remediation success rate per script">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={GRID} horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} />
          <YAxis type="category" dataKey="script" width={150} tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} />
          <Tooltip formatter={(value, _name, item) => [`${value}% (${item.payload.succeeded} ok, ${item.payload.failed} failed)`, "Success"]} />
          <Bar dataKey="percent" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function MttrChart({ dashboard }: { dashboard: Dashboard }) {
  if (dashboard.mttr.every((day) => day.autoResolved + day.manualResolved === 0)) return <Empty>No issue resolved in this period yet: the trend starts with the first resolution.</Empty>;
  return (
    <figure className="h-56" aria-label="Median time from first seen to resolved, per day: auto-remediated against manual">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={dashboard.mttr} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="at" tickFormatter={(iso: string) => iso.slice(5, 10)} tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} />
          <YAxis unit=" min" tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} width={64} />
          <Tooltip labelFormatter={(value) => String(value).slice(0, 10)} formatter={(value) => (value == null ? "—" : `${value} min`)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="autoMedianMinutes" name="auto-remediated" stroke="#15803d" strokeWidth={2} connectNulls isAnimationActive={false} />
          <Line type="monotone" dataKey="manualMedianMinutes" name="manual" stroke="#64748b" strokeWidth={2} strokeDasharray="4 3" connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
