import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Principal } from "./actor";
import { needsSetup } from "./accounts";
import { hasRole, type Role } from "./roles";
import { principalFromSessionSecret, SESSION_COOKIE } from "./sessions";

/** The signed-in person for a server component, or null. */
export async function currentUser(): Promise<Extract<Principal, { kind: "user" }> | null> {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!secret) return null;
  const principal = await principalFromSessionSecret(secret);
  return principal?.kind === "user" ? principal : null;
}

/**
 * The one guard every page uses: first run goes to setup, anonymous visitors to sign-in
 * (coming back afterwards), a missing role renders the 403 page.
 */
export async function requirePageRole(role: Role): Promise<Extract<Principal, { kind: "user" }>> {
  const user = await currentUser();
  if (!user) {
    if (await needsSetup()) redirect("/setup");
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/signin?next=${encodeURIComponent(path)}`);
  }
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
