import { Badge, type Tone } from "@/components/ui/badge";
import { KIND_LABELS, type HealthCheckKind, type HealthState } from "@/lib/health/model";

const STATE_TONE: Record<HealthState, Tone> = { up: "ok", down: "danger", unknown: "neutral" };
const STATE_LABEL: Record<HealthState, string> = { up: "Up", down: "Down", unknown: "Not checked yet" };

/** A check's state; a disabled check says so, since its state is no longer kept current. */
export function HealthStateBadge({ state, enabled = true }: { state: HealthState; enabled?: boolean }) {
  return (
    <span data-testid="health-state" data-state={state} className="inline-flex items-center gap-1.5">
      <Badge tone={STATE_TONE[state]}>
        <span aria-hidden className={`mr-1.5 size-1.5 rounded-full bg-current ${state === "down" ? "animate-pulse" : ""}`} />
        {STATE_LABEL[state]}
      </Badge>
      {!enabled && <Badge tone="neutral">paused</Badge>}
    </span>
  );
}

export function KindBadge({ kind }: { kind: HealthCheckKind }) {
  return <Badge tone="info">{KIND_LABELS[kind]}</Badge>;
}

/** "99.93 %", or a dash before the first probe. Colour follows common SLO lines (99.9, 99). */
export function UptimeFigure({ percent }: { percent: number | null }) {
  if (percent === null) return <span className="text-muted">—</span>;
  const tone = percent >= 99.9 ? "text-ok" : percent >= 99 ? "text-warn" : "text-danger";
  return <span className={`tabular-nums font-medium ${tone}`}>{percent.toFixed(2)} %</span>;
}

export function LatencyFigure({ ms }: { ms: number | null | undefined }) {
  if (ms === null || ms === undefined) return <span className="text-muted">—</span>;
  return <span className="tabular-nums">{ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`}</span>;
}
