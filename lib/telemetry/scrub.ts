// What this app sends to Sentry passes through here first. Sentry's cron URL form carries a
// monitor's token in the path (/api/<project>/cron/<slug>/<token>/), which the SDK would put
// in transaction names, span descriptions and request URLs; and a configured secret can turn
// up in an error message or an outgoing request's URL (a remediation endpoint's template).

const CRON_URL_KEY = /(\/api\/[^/\s"'?#]+\/cron\/[^/\s"'?#]+\/)([^/\s"'?#]+)/g;
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|API_KEY|_KEY$|DATABASE_URL)/;
const MIN_SECRET_LENGTH = 8;

/** Pure: the values of the environment's secret-looking variables (and a database URL's password). */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value || !SECRET_NAME.test(name) || name.startsWith("NEXT_PUBLIC_")) continue;
    if (name.endsWith("DATABASE_URL")) {
      try {
        const password = decodeURIComponent(new URL(value).password);
        if (password.length >= MIN_SECRET_LENGTH) values.push(password);
      } catch {
        // not a URL: nothing to take from it
      }
      continue;
    }
    if (value.length >= MIN_SECRET_LENGTH) values.push(value);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

function scrubText(text: string, secrets: string[]): string {
  let scrubbed = text.replace(CRON_URL_KEY, "$1[token]");
  for (const secret of secrets) if (scrubbed.includes(secret)) scrubbed = scrubbed.replaceAll(secret, "[secret]");
  return scrubbed;
}

/** Pure: a copy of `value` with monitor tokens in cron URLs and the given secrets replaced, at any depth. */
export function scrubSecrets<T>(value: T, secrets: string[], depth = 0): T {
  if (typeof value === "string") return scrubText(value, secrets) as T;
  if (!value || typeof value !== "object" || depth > 12) return value;
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, secrets, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubSecrets(item, secrets, depth + 1)])) as T;
}

/**
 * Hooks for Sentry.init: every error event, span and breadcrumb scrubbed before it leaves.
 * SDK 11 streams spans (their attributes carry http.target and url.full), so spans go
 * through beforeSendSpan; beforeSendTransaction no longer runs.
 */
export function scrubbingHooks(env: Record<string, string | undefined> = process.env) {
  const secrets = secretValues(env);
  return {
    beforeSend: <Event>(event: Event) => scrubSecrets(event, secrets),
    beforeSendSpan: <Span>(span: Span) => scrubSecrets(span, secrets),
    beforeBreadcrumb: <Breadcrumb>(breadcrumb: Breadcrumb) => scrubSecrets(breadcrumb, secrets),
  };
}
