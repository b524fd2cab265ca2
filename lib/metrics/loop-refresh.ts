import type { DashboardRange } from "./range";

/**
 * How old each range's effectiveness figures may get (no imports: the overview's card shows
 * it). The long ranges group up to every job of a month (seconds at a million jobs), so the
 * tick refreshes a snapshot of them at this pace and requests read it; the last hour is
 * always computed live.
 */
export const LOOP_SNAPSHOT_REFRESH_MS: Record<DashboardRange, number> = { "1h": 0, "24h": 60_000, "7d": 5 * 60_000, "30d": 15 * 60_000 };
