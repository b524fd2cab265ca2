import { ValidationFailed } from "@/lib/errors";
import { REDACTED, SECRET_PLACEHOLDER, type KindTarget } from "./model";

/**
 * Pure: where a check's target may hold secrets, how they are hidden in every view, kept on
 * update, and filled from `{{secret.NAME}}` when the probe runs.
 *
 * Secret-bearing fields: the password and credential-like query parameters of every URL, HTTP
 * header values (but a few harmless ones) and the Upstash token. A value that is only a
 * `{{secret.NAME}}` placeholder is not a secret itself and is shown as written.
 */

const PLACEHOLDER_ONLY = /^\{\{\s*secret\.[A-Z0-9_]+\s*\}\}$/;
/** Query parameters that carry credentials in practice (?token=, ?api_key=, ?sig=, ...). */
const SENSITIVE_QUERY = /token|key|secret|pass|pwd|auth|sig|credential|session/i;
/** Headers whose values say nothing secret; every other header value is shown as ***. */
const HARMLESS_HEADERS = new Set(["accept", "accept-encoding", "accept-language", "cache-control", "content-type", "user-agent", "host", "x-request-id"]);
/** A header value that is an auth scheme around placeholders ("Bearer {{secret.TOKEN}}") hides nothing. */
const AUTH_SCHEME_ONLY = /^(bearer|basic|token|apikey|api-key)?$/i;

interface UrlParts {
  scheme: string;
  user?: string;
  password?: string;
  rest: string;
  query?: string;
  fragment: string;
}

// Split by hand rather than with `new URL`: WHATWG parsing percent-encodes the braces of a
// {{secret.NAME}} placeholder and normalises what the admin typed.
const URL_SHAPE = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^@/?#]*)@)?([^?#]*)(?:\?([^#]*))?(#.*)?$/i;

function splitUrl(url: string): UrlParts | null {
  const match = URL_SHAPE.exec(url);
  if (!match) return null;
  const [, scheme, userinfo, rest, query, fragment] = match;
  let user: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(":");
    user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    password = colon < 0 ? undefined : userinfo.slice(colon + 1);
  }
  return { scheme: scheme!, user, password, rest: rest!, query, fragment: fragment ?? "" };
}

function joinUrl(parts: UrlParts): string {
  const userinfo = parts.user === undefined ? "" : `${parts.user}${parts.password === undefined ? "" : `:${parts.password}`}@`;
  return `${parts.scheme}${userinfo}${parts.rest}${parts.query === undefined ? "" : `?${parts.query}`}${parts.fragment}`;
}

function queryPairs(query: string): [string, string | undefined][] {
  return query.split("&").map((pair) => {
    const equals = pair.indexOf("=");
    return equals < 0 ? [pair, undefined] : [pair.slice(0, equals), pair.slice(equals + 1)];
  });
}

function joinQuery(pairs: [string, string | undefined][]): string {
  return pairs.map(([name, value]) => (value === undefined ? name : `${name}=${value}`)).join("&");
}

function isSecretValue(value: string | undefined): value is string {
  return value !== undefined && value !== "" && !PLACEHOLDER_ONLY.test(value);
}

function headerIsSecret(name: string, value: string): boolean {
  if (HARMLESS_HEADERS.has(name.toLowerCase())) return false;
  const literal = value.replace(SECRET_PLACEHOLDER, "").trim();
  return !AUTH_SCHEME_ONLY.test(literal);
}

/** Every secret-bearing field of a target, rewritten by the given functions (the rest is copied). */
function mapSecretFields(
  check: KindTarget,
  fns: { url(value: string, field: string): string; header(name: string, value: string, field: string): string; token(value: string, field: string): string },
): KindTarget {
  switch (check.kind) {
    case "http":
      return {
        kind: "http",
        target: {
          ...check.target,
          url: fns.url(check.target.url, "target.url"),
          headers: Object.fromEntries(Object.entries(check.target.headers).map(([name, value]) => [name, fns.header(name, value, `target.headers.${name}`)])),
        },
      };
    case "redis":
      return check.target.mode === "resp"
        ? { kind: "redis", target: { ...check.target, url: fns.url(check.target.url, "target.url") } }
        : { kind: "redis", target: { ...check.target, url: fns.url(check.target.url, "target.url"), token: fns.token(check.target.token, "target.token") } };
    case "postgres":
      return { kind: "postgres", target: { ...check.target, url: fns.url(check.target.url, "target.url") } };
    case "tcp":
      return { kind: "tcp", target: { ...check.target } };
  }
}

/** A URL with its password and credential-like query values shown as ***. */
export function redactUrl(url: string): string {
  if (PLACEHOLDER_ONLY.test(url)) return url;
  const parts = splitUrl(url);
  // A URL we cannot take apart could hide a secret anywhere in it.
  if (!parts) return REDACTED;
  if (isSecretValue(parts.password)) parts.password = REDACTED;
  if (parts.query !== undefined) {
    parts.query = joinQuery(queryPairs(parts.query).map(([name, value]) => [name, SENSITIVE_QUERY.test(name) && isSecretValue(value) ? REDACTED : value]));
  }
  return joinUrl(parts);
}

/** The target as every view shows it: API responses, audit entries, logs, the browser. */
export function redactTarget<T extends KindTarget>(check: T): T["target"] {
  return mapSecretFields(check, {
    url: (value) => redactUrl(value),
    header: (name, value) => (headerIsSecret(name, value) ? REDACTED : value),
    token: (value) => (isSecretValue(value) ? REDACTED : value),
  }).target as T["target"];
}

function storedField(check: KindTarget | null, field: string): string | undefined {
  if (!check) return undefined;
  if (field === "target.url") return "url" in check.target ? check.target.url : undefined;
  if (field === "target.token") return "token" in check.target ? check.target.token : undefined;
  if (field.startsWith("target.headers.") && check.kind === "http") {
    const name = field.slice("target.headers.".length).toLowerCase();
    return Object.entries(check.target.headers).find(([candidate]) => candidate.toLowerCase() === name)?.[1];
  }
  return undefined;
}

function nothingToKeep(field: string): never {
  throw new ValidationFailed(`${field} holds ${REDACTED}, which stands for a stored secret, and there is none to keep here; type the value or use {{secret.NAME}}`, field);
}

/**
 * Puts stored secrets back where an editor sent their redacted form (`***`) unchanged, so an
 * admin can rename a check or change its host without retyping its password. A `***` with no
 * stored secret behind it (a new check, another kind) is refused, never saved as a password.
 */
export function keepStoredSecrets<T extends KindTarget>(incoming: T, stored: KindTarget | null): T {
  const same = stored && stored.kind === incoming.kind ? stored : null;
  return {
    ...incoming,
    ...mapSecretFields(incoming, {
      url: (value, field) => {
        const previous = storedField(same, field);
        if (value === REDACTED) return previous ?? nothingToKeep(field);
        const parts = splitUrl(value);
        if (!parts) return value;
        const before = previous === undefined ? null : splitUrl(previous);
        if (parts.password === REDACTED) parts.password = before?.password ?? nothingToKeep(field);
        if (parts.query !== undefined) {
          const previousQuery = new Map(before?.query === undefined ? [] : queryPairs(before.query));
          parts.query = joinQuery(queryPairs(parts.query).map(([name, v]) => [name, v === REDACTED ? (previousQuery.get(name) ?? nothingToKeep(field)) : v]));
        }
        return joinUrl(parts);
      },
      header: (_name, value, field) => (value === REDACTED ? (storedField(same, field) ?? nothingToKeep(field)) : value),
      token: (value, field) => (value === REDACTED ? (storedField(same, field) ?? nothingToKeep(field)) : value),
    }),
  };
}

class MissingSecret extends Error {
  constructor(readonly secretName: string) {
    super(`secret ${secretName} is not set: set REMEDIATION_SECRET_${secretName} where the worker runs`);
  }
}

export type ResolvedTarget = { ok: true; check: KindTarget; secrets: string[] } | { ok: false; error: string };

/**
 * Fills `{{secret.NAME}}` placeholders with `readSecret(NAME)` for the probe. Inside a URL a
 * value is percent-encoded (a password with `@` or `/` stays a password); a URL that is one
 * placeholder is taken whole. `secrets` lists every secret value involved — the filled ones
 * and those stored literally — so probe errors can be scrubbed of them.
 */
export function resolveSecrets(check: KindTarget, readSecret: (name: string) => string | undefined): ResolvedTarget {
  const secrets = literalSecrets(check);
  const fill = (value: string, encode: (secret: string) => string) =>
    value.replace(SECRET_PLACEHOLDER, (_, name: string) => {
      const secret = readSecret(name);
      if (secret === undefined) throw new MissingSecret(name);
      secrets.push(secret, encodeURIComponent(secret));
      return encode(secret);
    });
  try {
    const resolved = mapSecretFields(check, {
      url: (value) => (PLACEHOLDER_ONLY.test(value) ? fill(value, (secret) => secret) : fill(value, encodeURIComponent)),
      header: (name, value) => {
        const filled = fill(value, (secret) => secret);
        if (/[\r\n]/.test(filled)) throw new Error(`header ${name} would contain a line break`);
        return filled;
      },
      token: (value) => fill(value, (secret) => secret),
    });
    return { ok: true, check: resolved, secrets };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Secret values a target stores as written (not as placeholders). */
function literalSecrets(check: KindTarget): string[] {
  const found: string[] = [];
  mapSecretFields(check, {
    url: (value) => {
      const parts = splitUrl(value);
      if (parts && isSecretValue(parts.password)) found.push(parts.password, safeDecode(parts.password));
      for (const [name, v] of parts?.query === undefined ? [] : queryPairs(parts.query)) if (SENSITIVE_QUERY.test(name) && isSecretValue(v)) found.push(v, safeDecode(v));
      return value;
    },
    header: (name, value) => {
      if (headerIsSecret(name, value)) found.push(value, value.replace(/^(bearer|basic|token)\s+/i, ""));
      return value;
    },
    token: (value) => {
      if (isSecretValue(value)) found.push(value);
      return value;
    },
  });
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Removes secret values from text bound for a sample, a log or a response. Values under 4
 * characters are left alone: scrubbing "ab" out of every message would garble them all, and
 * lib/jobs draws the same line.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of [...new Set(secrets)].sort((a, b) => b.length - a.length)) if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  return result;
}
