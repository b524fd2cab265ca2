import { recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import type { Actor } from "./actor";
import type { CreateApiTokenInput } from "./inputs";
import type { Role } from "./roles";
import { displayPrefix, newApiTokenSecret, sha256Hex } from "./secrets";

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy?: { email: string } | null;
};

function toView(row: TokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdBy: row.createdBy?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Returns the secret exactly once; only its hash is kept. */
export async function createApiToken(
  input: CreateApiTokenInput,
  actor: Actor,
  now: Date = new Date(),
): Promise<{ token: ApiTokenView; secret: string }> {
  const secret = newApiTokenSecret();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        prefix: displayPrefix(secret),
        tokenHash: sha256Hex(secret),
        createdById: actor.type === "user" ? actor.id : undefined,
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      },
      include: { createdBy: { select: { email: true } } },
    });
    await recordAudit(tx, {
      actor,
      action: "api_token.created",
      target: { type: "api_token", id: row.id },
      summary: `Token "${row.name}" (${row.role}) created`,
      after: { name: row.name, role: row.role, expiresAt: row.expiresAt },
    });
    return { token: toView(row), secret };
  });
}

export async function listApiTokens(): Promise<ApiTokenView[]> {
  const db = await getDb();
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { createdBy: { select: { email: true } } } });
  return rows.map(toView);
}

export async function revokeApiToken(tokenId: string, actor: Actor, now: Date = new Date()): Promise<ApiTokenView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!row) throw new NotFound("API token");
    if (row.revokedAt) return toView(row);
    const updated = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now }, include: { createdBy: { select: { email: true } } } });
    await recordAudit(tx, { actor, action: "api_token.revoked", target: { type: "api_token", id: tokenId }, summary: `Token "${row.name}" revoked` });
    return toView(updated);
  });
}
