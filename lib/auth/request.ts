import { getConfig } from "@/lib/config";
import { Forbidden, Unauthenticated } from "@/lib/errors";
import type { Principal } from "./actor";
import { isCrossSiteMutation } from "./csrf";
import { hasRole, type Role } from "./roles";
import { principalFromApiToken, principalFromSessionSecret, SESSION_COOKIE } from "./sessions";

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function clientIp(request: Request): string | undefined {
  // Vercel and most proxies put the client first in X-Forwarded-For.
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || undefined;
}

/**
 * Who sent this request: a bearer API token wins over a cookie. Cookie-authenticated
 * mutations must come from this site (CSRF); token requests carry no ambient credential.
 */
export async function authenticateRequest(request: Request, now: Date = new Date()): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new Unauthenticated("The Authorization header must be `Bearer <token>`.");
    const principal = await principalFromApiToken(match[1]!, now);
    if (!principal) throw new Unauthenticated("The API token is unknown, expired or revoked.");
    return principal;
  }
  const secret = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (!secret) return null;
  const principal = await principalFromSessionSecret(secret, now);
  if (!principal) return null;
  const url = new URL(request.url);
  if (
    isCrossSiteMutation({
      method: request.method,
      host: request.headers.get("host") ?? url.host,
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
    })
  ) {
    throw new Forbidden("Cross-site request refused: mutations must come from this dashboard's own pages.");
  }
  return principal;
}

/** The one guard every API route uses. */
export async function requireRole(request: Request, role: Role): Promise<Principal> {
  const principal = await authenticateRequest(request);
  if (!principal) throw new Unauthenticated();
  if (!hasRole(principal.role, role)) {
    throw new Forbidden(`This needs the ${role} role; ${describe(principal)} has ${principal.role}.`);
  }
  return principal;
}

function describe(principal: Principal): string {
  return principal.kind === "user" ? principal.email : `API token "${principal.name}"`;
}

export function sessionCookie(secret: string, expiresAt: Date): string {
  const secure = getConfig().session.secureCookie ? "; Secure" : "";
  return `${SESSION_COOKIE}=${encodeURIComponent(secret)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function clearedSessionCookie(): string {
  const secure = getConfig().session.secureCookie ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}
