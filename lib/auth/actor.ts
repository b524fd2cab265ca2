import type { Role } from "./roles";

/** Who is asking: a signed-in person or an API token. */
export type Principal =
  | { kind: "user"; userId: string; email: string; name: string | null; role: Role; sessionId: string }
  | { kind: "api_token"; tokenId: string; name: string; role: Role };

/** Who did it, as the audit log records it. */
export interface Actor {
  type: "user" | "api_token" | "system" | "sentry";
  id?: string;
  label: string;
  ip?: string;
}

export function actorOf(principal: Principal, ip?: string): Actor {
  return principal.kind === "user"
    ? { type: "user", id: principal.userId, label: principal.email, ip }
    : { type: "api_token", id: principal.tokenId, label: `token:${principal.name}`, ip };
}

export const SYSTEM_ACTOR: Actor = { type: "system", label: "system" };
