// Scenario 5: every route and page under app/ (read from the file system, so a new route
// cannot be missed) called as each kind of caller, against the policy in access-policy.ts.
import { ACCESS_POLICY, type Access } from "./support/access-policy";
import { ADMIN, type ReliabilityApp } from "./support/app";
import { concretePath, discoverRoutes } from "./support/routes";

type Caller = { name: string; role: Access | "none"; kind: "anonymous" | "cookie" | "token"; headers: () => Promise<Record<string, string>> };

const RANK: Record<Access | "none", number> = { none: -1, public: -1, signed: -1, viewer: 0, operator: 1, admin: 2 };
const MEMBER_PASSWORD = "a long shared matrix passphrase";

export interface AuthMatrixResult {
  routes: number;
  callers: string[];
  calls: number;
  unlisted: string[];
  stale: string[];
  failures: string[];
}

async function signIn(app: ReliabilityApp, email: string, password: string): Promise<string> {
  const answer = await app.request("/api/auth/signin", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }), record: false });
  if (answer.status !== 200) throw new Error(`Sign-in as ${email} answered ${answer.status}`);
  const cookie = answer.headers.get("set-cookie")!.split(";")[0]!;
  app.extraSecrets.push(cookie.split("=")[1]!);
  return cookie;
}

async function newToken(app: ReliabilityApp, role: string, expiresInDays: number | null): Promise<{ id: string; secret: string }> {
  const answer = await app.request("/api/tokens", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
    body: JSON.stringify({ name: `matrix ${role}`, role, expiresInDays }),
    record: false,
  });
  if (answer.status !== 201) throw new Error(`Creating a ${role} token answered ${answer.status}`);
  app.extraSecrets.push(answer.body.secret);
  return { id: answer.body.token.id, secret: answer.body.secret };
}

async function callers(app: ReliabilityApp): Promise<{ list: Caller[]; signedOut: (role: Access | "none") => void }> {
  const cookies = new Map<string, string>();
  for (const role of ["viewer", "operator"] as const) {
    const created = await app.request("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ email: `matrix-${role}@reliability.test`, name: `Matrix ${role}`, role, password: MEMBER_PASSWORD }),
    });
    if (created.status !== 201) throw new Error(`Creating the ${role} answered ${created.status}: ${created.text}`);
  }
  // Signing out ends the session it is called with: such a caller signs in again after.
  const cookieFor = async (role: "viewer" | "operator" | "admin") => {
    if (!cookies.has(role)) cookies.set(role, role === "admin" ? await signIn(app, ADMIN.email, ADMIN.password) : await signIn(app, `matrix-${role}@reliability.test`, MEMBER_PASSWORD));
    return cookies.get(role)!;
  };
  const tokens = { viewer: await newToken(app, "viewer", null), operator: await newToken(app, "operator", null), admin: await newToken(app, "admin", null) };
  const revoked = await newToken(app, "admin", 1);
  const revoke = await app.request(`/api/tokens/${revoked.id}`, { method: "DELETE", headers: { authorization: `Bearer ${app.adminToken}` } });
  if (revoke.status !== 200) throw new Error(`Revoking a token answered ${revoke.status}`);
  // HTTP cannot mint an expired token: one that expires in a day, then moved into the past.
  const expired = await newToken(app, "admin", 1);
  await app.query(`UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 minute' WHERE "id" = $1`, [expired.id]);

  const list: Caller[] = [
    { name: "anonymous", role: "none", kind: "anonymous", headers: async () => ({}) },
    ...(["viewer", "operator", "admin"] as const).map((role): Caller => ({ name: `${role} (cookie)`, role, kind: "cookie", headers: async () => ({ cookie: await cookieFor(role) }) })),
    ...(["viewer", "operator", "admin"] as const).map((role): Caller => ({ name: `${role} (API token)`, role, kind: "token", headers: async () => ({ authorization: `Bearer ${tokens[role].secret}` }) })),
    { name: "revoked token", role: "none", kind: "token", headers: async () => ({ authorization: `Bearer ${revoked.secret}` }) },
    { name: "expired token", role: "none", kind: "token", headers: async () => ({ authorization: `Bearer ${expired.secret}` }) },
    { name: "wrong token", role: "none", kind: "token", headers: async () => ({ authorization: "Bearer ops_not-a-real-token" }) },
  ];
  return { list, signedOut: (role) => cookies.delete(role) };
}

/** Pure: what a caller of `role` should get from a route with `access`, and whether `status` is that. */
export function expectedAnswer(
  access: Access,
  caller: Pick<Caller, "role" | "kind">,
  route: { isPage: boolean; dynamic: boolean },
  status: number,
  location: string,
): { expected: string; ok: boolean } {
  // Pages authenticate by cookie only: a token is as good as no credential there.
  const role = route.isPage && caller.kind === "token" ? "none" : caller.role;
  const invalidToken = !route.isPage && caller.kind === "token" && caller.role === "none";
  if (access === "public") return { expected: "not 401/403, < 500", ok: status < 500 && status !== 401 && status !== 403 };
  // No caller here carries the signature, so each must be refused by it (never 403 or 5xx).
  if (access === "signed") return { expected: "401", ok: status === 401 };
  if (role === "none" || invalidToken) {
    return route.isPage ? { expected: "307 to /signin", ok: status === 307 && location.includes("/signin") } : { expected: "401", ok: status === 401 };
  }
  if (RANK[role] < RANK[access]) return { expected: "403", ok: status === 403 };
  // A page for an id that exists nowhere answers 404 once access is granted.
  if (route.isPage) return { expected: route.dynamic ? "200 or 404" : "200", ok: status === 200 || (route.dynamic && status === 404) };
  return { expected: "allowed (not 401/403, < 500)", ok: status < 500 && status !== 401 && status !== 403 };
}

export async function authMatrix(app: ReliabilityApp): Promise<AuthMatrixResult> {
  const routes = discoverRoutes();
  const discovered = routes.map((route) => route.key);
  const unlisted = discovered.filter((key) => !(key in ACCESS_POLICY));
  const stale = Object.keys(ACCESS_POLICY).filter((key) => !discovered.includes(key));
  const { list: all, signedOut } = await callers(app);
  const failures: string[] = [];
  let calls = 0;
  for (const route of routes) {
    const access = ACCESS_POLICY[route.key];
    if (!access) continue;
    const isPage = route.key.startsWith("PAGE ");
    for (const caller of all) {
      const answer = await app.request(concretePath(route.pattern), {
        method: route.method,
        headers: { ...(await caller.headers()), ...(route.method === "GET" ? {} : { "content-type": "application/json" }) },
        body: route.method === "GET" ? undefined : "{}",
      });
      calls++;
      // That session has ended: the next call as this caller signs in again.
      if (route.key === "POST /api/auth/signout" && caller.kind === "cookie") signedOut(caller.role);
      const location = answer.headers.get("location") ?? "";
      const { expected, ok } = expectedAnswer(access, caller, { isPage, dynamic: route.pattern.includes("[") }, answer.status, location);
      if (!ok) failures.push(`${route.key} as ${caller.name}: got ${answer.status}${location ? ` → ${location}` : ""}, expected ${expected}`);
    }
  }
  return { routes: routes.length, callers: all.map((caller) => caller.name), calls, unlisted, stale, failures };
}
