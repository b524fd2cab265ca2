export interface SignInFailures {
  /** Failed attempts in the window, newest window only. */
  forEmail: number;
  forIp: number;
  /** The oldest failure still inside the window, to say when the limit lifts. */
  oldestInWindow: Date | null;
}

export type SignInGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Pure: whether another sign-in may be tried. Per email stops guessing one account; per
 * address (at 3x the limit) stops spraying many accounts from one client.
 */
export function signInGate(
  failures: SignInFailures,
  limits: { maxFailures: number; windowMinutes: number },
  now: Date,
): SignInGate {
  if (failures.forEmail < limits.maxFailures && failures.forIp < limits.maxFailures * 3) return { allowed: true };
  const windowMs = limits.windowMinutes * 60_000;
  const liftsAt = (failures.oldestInWindow?.getTime() ?? now.getTime()) + windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((liftsAt - now.getTime()) / 1000)) };
}
