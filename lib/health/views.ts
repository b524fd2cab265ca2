import type { HealthCheckKind, HealthState, HealthTarget } from "./model";
import type { LatencyBucket } from "./uptime";

// Browser-safe shapes of the health API. Every target in them is redacted.

export interface HealthSampleView {
  id: string;
  ok: boolean;
  latencyMs: number | null;
  error: string | null;
  createdAt: string;
}

export interface HealthIncidentView {
  id: string;
  reason: string;
  startedAt: string;
  resolvedAt: string | null;
}

export interface HealthCheckView {
  id: string;
  name: string;
  kind: HealthCheckKind;
  /** Redacted: passwords, tokens and header values are ***; {{secret.NAME}} placeholders are shown as written. */
  target: HealthTarget;
  /** One line naming what is probed ("GET https://…", "db.internal:5432"). */
  summary: string;
  intervalSeconds: number;
  timeoutMs: number;
  enabled: boolean;
  state: HealthState;
  lastCheckedAt: string | null;
  nextCheckAt: string;
  createdAt: string;
  lastSample: HealthSampleView | null;
  /** Percent of successful probes in the last 24 h; null without probes. */
  uptime24h: number | null;
  openIncident: HealthIncidentView | null;
}

export interface HealthCheckDetail {
  check: HealthCheckView;
  /** The last 24 h in equal slices, for the latency chart. */
  series: LatencyBucket[];
  /** Newest first. */
  recentSamples: HealthSampleView[];
  /** Newest first. */
  incidents: HealthIncidentView[];
}

export interface HealthRunResult {
  check: HealthCheckView;
  sample: HealthSampleView;
}
