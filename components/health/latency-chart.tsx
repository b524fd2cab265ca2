"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LatencyBucket } from "@/lib/health/uptime";

// Token values from app/globals.css: recharts draws SVG attributes, which take colours, not classes.
const BRAND = "#4f46e5";
const DANGER = "#b91c1c";
const GRID = "#e3e6eb";
const MUTED = "#5b6472";

function clock(at: number): string {
  return new Date(at).toISOString().slice(11, 16);
}

/**
 * Mean latency of the successful probes per slice of the last 24 h (a line, broken where
 * nothing was probed), with failed probes as red bars on their own axis.
 */
export function LatencyChart({ series, thresholdMs }: { series: LatencyBucket[]; thresholdMs?: number }) {
  const probed = series.some((bucket) => bucket.probes > 0);
  if (!probed) {
    return <p className="flex h-56 items-center justify-center rounded-md bg-canvas text-sm text-muted">No probes in the last 24 h yet.</p>;
  }
  return (
    <figure className="h-56" aria-label={`Latency over the last 24 hours${thresholdMs ? `, threshold ${thresholdMs} ms` : ""}`}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={clock} tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} minTickGap={40} />
          <YAxis yAxisId="latency" tick={{ fontSize: 11, fill: MUTED }} stroke={GRID} width={64} tickFormatter={(ms: number) => `${ms} ms`} allowDecimals={false} />
          <YAxis yAxisId="failures" orientation="right" hide allowDecimals={false} domain={[0, (max: number) => Math.max(max * 3, 1)]} />
          <Tooltip
            labelFormatter={(at) => `${clock(Number(at))} UTC`}
            formatter={(value, name) => (name === "Failed probes" ? [String(value), name] : [value === null || value === undefined ? "—" : `${value} ms`, name])}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: GRID }}
          />
          <Bar yAxisId="failures" dataKey="failures" name="Failed probes" fill={DANGER} opacity={0.7} isAnimationActive={false} />
          {thresholdMs !== undefined && (
            <ReferenceLine yAxisId="latency" y={thresholdMs} stroke={DANGER} strokeDasharray="4 4" ifOverflow="extendDomain" label={{ value: `threshold ${thresholdMs} ms`, position: "insideTopRight", fontSize: 11, fill: DANGER }} />
          )}
          <Line yAxisId="latency" dataKey="avgMs" name="Mean latency" stroke={BRAND} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Mean latency per 10 minutes; red bars are failed probes.</figcaption>
    </figure>
  );
}
