import { Badge, type Tone } from "@/components/ui/badge";
import type { CheckInStatus, MonitorStatus } from "@/lib/monitors/model";

const STATUS_TONE: Record<MonitorStatus | CheckInStatus, Tone> = {
  ok: "ok",
  error: "danger",
  missed: "warn",
  timeout: "danger",
  in_progress: "info",
  unknown: "neutral",
  disabled: "neutral",
};

const STATUS_LABEL: Record<MonitorStatus | CheckInStatus, string> = {
  ok: "OK",
  error: "Failed",
  missed: "Missed",
  timeout: "Timed out",
  in_progress: "In progress",
  unknown: "Waiting for first check-in",
  disabled: "Disabled",
};

export function MonitorStatusBadge({ status }: { status: MonitorStatus | CheckInStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

/** Tailwind background per check-in status, for timeline bars and legends. */
export const STATUS_BAR: Record<CheckInStatus, string> = {
  ok: "bg-green-500",
  error: "bg-red-500",
  timeout: "bg-red-300",
  missed: "bg-amber-400",
  in_progress: "bg-sky-400",
};

export function formatUptime(ratio: number | null): string {
  if (ratio === null) return "—";
  return `${(ratio * 100).toFixed(ratio === 1 ? 0 : 1)}%`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
