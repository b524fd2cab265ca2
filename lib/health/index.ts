export {
  HEALTH_CHECK_KINDS,
  HEALTH_STATES,
  KIND_LABELS,
  REDACTED,
  healthCheckInput,
  describeTarget,
  type HealthCheckKind,
  type HealthState,
  type HealthCheckInput,
  type HealthCheckDraft,
  type HealthTarget,
  type KindTarget,
  type ProbeResult,
} from "./model";
export { nextHealthState, type HealthTransition, type IncidentAction } from "./transitions";
export { redactTarget, redactUrl, keepStoredSecrets, resolveSecrets, scrubSecrets } from "./secrets";
export { uptimePercent, latencySeries, type LatencyBucket } from "./uptime";
export { runProbe, type ProbeDeps } from "./probes";
export { createHealthCheck, updateHealthCheck, deleteHealthCheck, recordProbeResult, claimDueChecks } from "./store";
export { checkView, type StoredHealthCheck } from "./present";
export { listHealthChecks, getHealthCheckDetail, getHealthCheckView } from "./queries";
export { runDueHealthChecks, runHealthCheckNow, PROBE_CONCURRENCY, type HealthTickSummary } from "./runner";
export type { HealthCheckView, HealthCheckDetail, HealthSampleView, HealthIncidentView, HealthRunResult } from "./views";
