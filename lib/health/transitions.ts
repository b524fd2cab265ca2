import type { HealthState, ProbeResult } from "./model";

export type IncidentAction = { action: "none" } | { action: "open"; reason: string } | { action: "resolve" };

export interface HealthTransition {
  state: Exclude<HealthState, "unknown">;
  incident: IncidentAction;
}

/**
 * Pure: a check's next state from its current one and a probe's result. Going down (from up,
 * or from unknown: a check that fails its first probe is an incident too) opens an incident
 * with the probe's reason; coming back up resolves it. Staying down keeps the one incident
 * open, so a long outage is one incident, not one per probe.
 */
export function nextHealthState(previous: HealthState, result: ProbeResult): HealthTransition {
  if (result.ok) return { state: "up", incident: previous === "down" ? { action: "resolve" } : { action: "none" } };
  if (previous === "down") return { state: "down", incident: { action: "none" } };
  return { state: "down", incident: { action: "open", reason: result.error?.trim() || "The probe failed without a reason." } };
}
