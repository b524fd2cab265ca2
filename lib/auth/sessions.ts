import { getDb } from "@/lib/db";
import type { Principal } from "./actor";
import { displayPrefix, newSessionSecret, sha256Hex, API_TOKEN_PREFIX } from "./secrets";

export const SESSION_COOKIE = "ops_session";

/** lastSeenAt is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export async function createSession(
  userId: string,
  meta: { ip?: string; userAgent?: string; ttlHours: number },
  now: Date = new Date(),
): Promise<{ secret: string; expiresAt: Date }> {
  const db = await getDb();
  const secret = newSessionSecret();
  const expiresAt = new Date(now.getTime() + meta.ttlHours * 3_600_000);
  await db.session.create({
    data: {
      tokenHash: sha256Hex(secret),
      userId,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    },
  });
  return { secret, expiresAt };
}

export async function deleteSessionBySecret(secret: string): Promise<void> {
  const db = await getDb();
  await db.session.deleteMany({ where: { tokenHash: sha256Hex(secret) } });
}

export async function principalFromSessionSecret(secret: string, now: Date = new Date()): Promise<Principal | null> {
  const db = await getDb();
  const session = await db.session.findUnique({ where: { tokenHash: sha256Hex(secret) }, include: { user: true } });
  if (!session || session.expiresAt <= now || session.user.disabledAt) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } }).catch(() => {});
  }
  return {
    kind: "user",
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    role: session.user.role,
    sessionId: session.id,
  };
}

export async function principalFromApiToken(secret: string, now: Date = new Date()): Promise<Principal | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const db = await getDb();
  const token = await db.apiToken.findUnique({ where: { tokenHash: sha256Hex(secret) } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }).catch(() => {});
  }
  return { kind: "api_token", tokenId: token.id, name: token.name, role: token.role };
}

export { displayPrefix };
