import { actorOf, authenticateRequest, clientIp, hasRole, principalFromApiToken, sha256Hex, type Actor } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { getConfig, type AppConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { Forbidden, Unauthenticated, ValidationFailed } from "@/lib/errors";
import { countRequest, readJsonBody, searchParams } from "@/lib/http";
import { runInBackground } from "@/lib/jobs";
import { parseCheckIn } from "./checkin-input";
import { configOf } from "./columns";
import { sendCheckInToSentry } from "./sentry-crons";
import { recordCheckIn, type RecordedCheckIn } from "./store";

/** Per-monitor check-in tokens; an `ops_` API token (operator or admin) may check in to any monitor. */
export const MONITOR_TOKEN_PREFIX = "mon_";

/** A caller's credential for a check-in: the URL's key (Sentry's form), or the request's own. */
export type CheckInCredential = { key: string } | { request: Request };

/**
 * Who may check in to `slug`: its own `mon_` token (bound to that monitor), or someone with the
 * operator role (an `ops_` API token, or a signed-in operator), who may also create monitors
 * by upsert. Nothing about the monitor is told to a caller without either.
 */
export async function authorizeCheckIn(slug: string, credential: CheckInCredential, now: Date): Promise<Actor> {
  const secret = "key" in credential ? credential.key : checkInSecretFrom(credential.request.headers.get("authorization"));
  if (secret?.startsWith(MONITOR_TOKEN_PREFIX)) {
    const db = await getDb();
    const monitor = await db.monitor.findFirst({ where: { slug, tokenHash: sha256Hex(secret) }, select: { id: true } });
    if (monitor) return { type: "api_token", id: monitor.id, label: `monitor token:${slug}` };
    throw new Unauthenticated(`That token is not the check-in token of monitor "${slug}".`);
  }
  const bearerOrCookie = "request" in credential && !/^DSN\s/i.test(credential.request.headers.get("authorization") ?? "");
  const principal = bearerOrCookie ? await authenticateRequest((credential as { request: Request }).request, now) : secret ? await principalFromApiToken(secret, now) : null;
  if (!principal) {
    throw new Unauthenticated("Send the monitor's token or an operator API token: `Authorization: Bearer <token>`, or Sentry's URL form /api/0/cron/<slug>/<token>/.");
  }
  if (!hasRole(principal.role, "operator")) throw new Forbidden(`Check-ins need the operator role; this caller has ${principal.role}.`);
  return actorOf(principal);
}

/**
 * The token from `Authorization: Bearer <token>`, or from Sentry's older `Authorization: DSN
 * <dsn>` form, whose DSN carries the key as its user part.
 */
export function checkInSecretFrom(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (bearer) return bearer[1];
  const dsn = /^DSN\s+(\S+)$/i.exec(authorization.trim());
  if (!dsn) return undefined;
  try {
    return decodeURIComponent(new URL(dsn[1]!).username) || undefined;
  } catch {
    return undefined;
  }
}

export interface CheckInHttpInput {
  slug: string;
  query: Record<string, string>;
  /** The parsed JSON body, or undefined for a query-string-only check-in. */
  body: unknown;
  /** Who checks in, as authorizeCheckIn() found. */
  actor: Actor;
}

/**
 * The app's Sentry-compatible cron check-in API, for an authorised caller: validate (4xx naming Sentry's
 * field), store with Sentry's semantics, and relay to Sentry when the monitor asks for it.
 */
export async function acceptCheckIn(input: CheckInHttpInput, config: AppConfig, now: Date = new Date()): Promise<RecordedCheckIn> {
  const actor = input.actor;
  const parsed = parseCheckIn(input.slug, input.query, input.body);
  if (!parsed.ok) throw new ValidationFailed(parsed.message, parsed.field);
  const result = await recordCheckIn(parsed.value, { source: "http", now });
  if (result.createdMonitor) {
    await recordAudit(await getDb(), { actor, action: "monitor.created", target: { type: "monitor", id: result.monitor.id }, summary: `Monitor ${input.slug} created by its first check-in` });
  }
  const stored = result.checkIn;
  if (result.monitor.relayToSentry && stored) {
    const checkIn = parsed.value;
    runInBackground(async () => {
      const db = await getDb();
      const monitor = await db.monitor.findUniqueOrThrow({ where: { id: result.monitor.id } });
      const delivery = await sendCheckInToSentry(
        {
          slug: input.slug,
          status: checkIn.status,
          checkInId: stored.checkInId,
          environment: checkIn.environment,
          durationSeconds: checkIn.status === "in_progress" || stored.durationMs === null ? undefined : stored.durationMs / 1000,
          monitorConfig: configOf(monitor),
        },
        // Relaying keeps each check-in's own environment, which only the HTTP form can carry.
        { transport: "http", dsn: config.sentry.dsn },
      );
      await db.monitorCheckIn.update({ where: { id: stored.id }, data: { sentryRelay: delivery.sent ? "sent" : `failed: ${delivery.reason}` } });
    });
  }
  return result;
}

/**
 * A check-in request as both URL forms receive it: query string, optional JSON body, and the
 * URL's key (Sentry's ingest form) or the request's Authorization header or session.
 */
export async function acceptCheckInRequest(request: Request, slug: string, urlKey?: string): Promise<RecordedCheckIn> {
  const now = new Date();
  // Per monitor and address, before any database work: a stuck loop or a flood costs nothing.
  await countRequest("check-ins", `${slug}|${clientIp(request) ?? "unknown"}`, getConfig().rateLimits.checkInsPerMinute, `Too many check-ins for ${slug} from this address; try again later.`);
  const actor = await authorizeCheckIn(slug, urlKey === undefined ? { request } : { key: urlKey }, now);
  const body = request.method === "POST" ? await readJsonBody(request) : undefined;
  return acceptCheckIn({ slug, query: searchParams(request), body, actor: { ...actor, ip: clientIp(request) } }, getConfig(), now);
}
