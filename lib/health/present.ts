import type { HealthCheck as HealthCheckRow, HealthIncident as HealthIncidentRow, HealthSample as HealthSampleRow } from "@/lib/db";
import { describeTarget, targetSchemaFor, type HealthCheckDraft, type HealthCheckKind, type HealthState, type KindTarget } from "./model";
import { redactTarget } from "./secrets";
import type { HealthCheckView, HealthIncidentView, HealthSampleView } from "./views";

/** A stored check with its target parsed (secrets as stored: never send this to a view). */
export type StoredHealthCheck = KindTarget & {
  id: string;
  name: string;
  intervalSeconds: number;
  timeoutMs: number;
  enabled: boolean;
  state: HealthState;
  lastCheckedAt: Date | null;
  nextCheckAt: Date;
  createdAt: Date;
};

export type CheckColumns = Pick<HealthCheckRow, "id" | "name" | "intervalSeconds" | "timeoutMs" | "enabled" | "lastCheckedAt" | "nextCheckAt" | "createdAt"> & { kind: string; state: string; target: unknown };

export function checkFromRow(row: CheckColumns): StoredHealthCheck {
  const kind = row.kind as HealthCheckKind;
  return {
    id: row.id,
    name: row.name,
    kind,
    target: targetSchemaFor(kind).parse(row.target),
    intervalSeconds: row.intervalSeconds,
    timeoutMs: row.timeoutMs,
    enabled: row.enabled,
    state: row.state as HealthState,
    lastCheckedAt: row.lastCheckedAt,
    nextCheckAt: row.nextCheckAt,
    createdAt: row.createdAt,
  } as StoredHealthCheck;
}

export function sampleView(row: Pick<HealthSampleRow, "id" | "ok" | "latencyMs" | "error" | "createdAt">): HealthSampleView {
  return { id: String(row.id), ok: row.ok, latencyMs: row.latencyMs, error: row.error, createdAt: row.createdAt.toISOString() };
}

export function incidentView(row: Pick<HealthIncidentRow, "id" | "reason" | "startedAt" | "resolvedAt">): HealthIncidentView {
  return { id: row.id, reason: row.reason, startedAt: row.startedAt.toISOString(), resolvedAt: row.resolvedAt?.toISOString() ?? null };
}

/** The only way a check leaves the server: its target redacted. */
export function checkView(
  check: StoredHealthCheck,
  extra: { lastSample: HealthSampleView | null; uptime24h: number | null; openIncident: HealthIncidentView | null } = { lastSample: null, uptime24h: null, openIncident: null },
): HealthCheckView {
  const target = redactTarget(check);
  return {
    id: check.id,
    name: check.name,
    kind: check.kind,
    target,
    summary: describeTarget({ kind: check.kind, target } as KindTarget),
    intervalSeconds: check.intervalSeconds,
    timeoutMs: check.timeoutMs,
    enabled: check.enabled,
    state: check.state,
    lastCheckedAt: check.lastCheckedAt?.toISOString() ?? null,
    nextCheckAt: check.nextCheckAt.toISOString(),
    createdAt: check.createdAt.toISOString(),
    ...extra,
  };
}

/** What audit entries record of a check: everything an admin set, secrets redacted. */
export function auditSnapshot(check: HealthCheckDraft | StoredHealthCheck) {
  return { name: check.name, kind: check.kind, target: redactTarget(check), intervalSeconds: check.intervalSeconds, timeoutMs: check.timeoutMs, enabled: check.enabled };
}
