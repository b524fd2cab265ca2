import type { PriorityClass, Tier } from "./model";

export interface ClaimCandidate {
  id: string;
  tier: Tier;
  namespace: string;
  priorityClass: PriorityClass;
  runAfter: Date;
  createdAt: Date;
}

export interface RunningCounts {
  byTier: Partial<Record<Tier, number>>;
  byNamespace: Record<string, number>;
}

export interface ConcurrencyLimits {
  /** 0 = no limit. */
  maxRunning: Record<Tier, number>;
  /** 0 = no limit. */
  maxRunningPerNamespace: number;
}

/** The order jobs are claimed in: class (A first), then run-after, then age. */
export function claimOrder(a: ClaimCandidate, b: ClaimCandidate): number {
  return (
    a.priorityClass.localeCompare(b.priorityClass) ||
    a.runAfter.getTime() - b.runAfter.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Pure: which candidates to start now, in priority order, without passing the per-tier and
 * per-namespace limits (counting what already runs) or the worker's free capacity. A job held
 * back by a full namespace does not block a later job of another namespace.
 */
export function planClaim(candidates: ClaimCandidate[], running: RunningCounts, limits: ConcurrencyLimits, capacity: number): ClaimCandidate[] {
  const byTier = { ...running.byTier };
  const byNamespace = { ...running.byNamespace };
  const chosen: ClaimCandidate[] = [];
  for (const candidate of [...candidates].sort(claimOrder)) {
    if (chosen.length >= capacity) break;
    const tierLimit = limits.maxRunning[candidate.tier];
    if (tierLimit > 0 && (byTier[candidate.tier] ?? 0) >= tierLimit) continue;
    if (limits.maxRunningPerNamespace > 0 && (byNamespace[candidate.namespace] ?? 0) >= limits.maxRunningPerNamespace) continue;
    chosen.push(candidate);
    byTier[candidate.tier] = (byTier[candidate.tier] ?? 0) + 1;
    byNamespace[candidate.namespace] = (byNamespace[candidate.namespace] ?? 0) + 1;
  }
  return chosen;
}
