/**
 * Sentry's naming rules for monitors and environments, checked before anything is sent or
 * stored: a slug Sentry would refuse makes every check-in of a pass vanish silently.
 * No imports, so lib/config can validate MONITOR_SLUG_* and SENTRY_ENVIRONMENT at start.
 */

/** Sentry's monitor slug: lowercase letters, digits, `-` and `_`, not all digits, at most 50. */
export const MONITOR_SLUG_PATTERN = /^(?![0-9]+$)[a-z0-9_-]+$/;
export const MONITOR_SLUG_MAX_LENGTH = 50;
export const ENVIRONMENT_MAX_LENGTH = 64;

export function monitorSlugProblem(slug: string): string | undefined {
  if (slug.length === 0) return "must not be empty";
  if (slug.length > MONITOR_SLUG_MAX_LENGTH) return `must be at most ${MONITOR_SLUG_MAX_LENGTH} characters (got ${slug.length})`;
  if (!MONITOR_SLUG_PATTERN.test(slug)) return "may hold only lowercase letters, digits, '-' and '_', and must not be all digits";
  return undefined;
}

/**
 * Sentry's environment rules: at most 64 characters, no newline, tab, space or `/`, and not
 * the string "None" (Sentry's docs on environments; Relay drops longer ones).
 */
export function environmentProblem(environment: string): string | undefined {
  if (environment.length === 0) return "must not be empty";
  if (environment.length > ENVIRONMENT_MAX_LENGTH) return `must be at most ${ENVIRONMENT_MAX_LENGTH} characters (got ${environment.length})`;
  if (/[\s/]/.test(environment)) return "must not contain spaces, tabs, newlines or '/'";
  if (environment === "None") return "must not be the string \"None\"";
  return undefined;
}

/** Turns a name into a valid slug ("Nightly Backup" -> "nightly-backup"). */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MONITOR_SLUG_MAX_LENGTH);
  return /^[0-9]*$/.test(slug) ? `monitor-${slug}`.slice(0, MONITOR_SLUG_MAX_LENGTH) : slug;
}

export function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
