import { Badge, type Tone } from "@/components/ui/badge";
import { STATUS_LABELS, type JobStatus, type PriorityClass, type Tier } from "@/lib/jobs/model";

const STATUS_TONE: Record<JobStatus, Tone> = {
  queued: "info",
  awaiting_approval: "warn",
  running: "brand",
  succeeded: "ok",
  failed: "danger",
  timed_out: "danger",
  cancelled: "neutral",
};

export function JobStatusBadge({ status, awaitingCallback, cancelRequested }: { status: JobStatus; awaitingCallback?: boolean; cancelRequested?: boolean }) {
  const label = status === "running" && cancelRequested ? "Cancelling" : status === "running" && awaitingCallback ? "Running (external)" : STATUS_LABELS[status];
  return (
    <span data-testid="job-status" data-status={status} className="inline-flex items-center gap-1.5">
      <Badge tone={STATUS_TONE[status]}>
        {status === "running" && <span aria-hidden className="mr-1 size-1.5 animate-pulse rounded-full bg-current" />}
        {label}
      </Badge>
    </span>
  );
}

export function TierBadge({ tier }: { tier: Tier }) {
  return tier === "prod" ? <Badge tone="danger">prod</Badge> : <Badge tone="neutral">nonprod</Badge>;
}

export function ClassBadge({ priorityClass }: { priorityClass: PriorityClass }) {
  const tone: Record<PriorityClass, Tone> = { A: "danger", B: "warn", C: "neutral" };
  return (
    <span title={{ A: "Class A: urgent, claimed first", B: "Class B: normal", C: "Class C: background" }[priorityClass]}>
      <Badge tone={tone[priorityClass]}>class {priorityClass}</Badge>
    </span>
  );
}

/** "12 s", "3 min 5 s", "2 h 4 min", "3 d 2 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ""}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ""}`;
}
