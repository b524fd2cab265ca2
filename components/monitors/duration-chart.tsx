"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

interface Point {
  startedAt: string;
  durationMs: number;
  status: string;
}

/** How long each run took, oldest first: a creeping duration warns before max_runtime does. */
export function DurationChart({ points, maxRuntimeMinutes }: { points: Point[]; maxRuntimeMinutes: number }) {
  if (points.length === 0) return <p className="text-sm text-muted">No finished runs with a duration yet.</p>;
  const data = points.map((point) => ({ ...point, seconds: point.durationMs / 1000, label: new Date(point.startedAt).toISOString().slice(5, 16).replace("T", " ") }));
  return (
    <div className="h-48" role="img" aria-label={`Run durations of the last ${points.length} runs; longest ${Math.max(...data.map((point) => point.seconds)).toFixed(1)} s, max runtime ${maxRuntimeMinutes} min`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis tick={{ fontSize: 11 }} unit=" s" width={56} />
          <Tooltip formatter={(value) => [`${Number(value).toFixed(2)} s`, "Duration"]} />
          <Line type="monotone" dataKey="seconds" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
