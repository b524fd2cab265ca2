import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCESS_POLICY, type Access } from "./access-policy";
import { concretePath, discoverRoutes } from "./routes";
import { ADMIN, apiToken, sessionCookie, userCookie } from "./support";

type Identity = { name: string; role: Access | "none"; kind: "anonymous" | "cookie" | "token"; headers: () => Promise<Record<string, string>> };

const RANK: Record<Access | "none", number> = { none: -1, public: -1, signed: -1, viewer: 0, operator: 1, admin: 2 };
const routes = discoverRoutes();

test("every route and page has an access policy entry (and no entry is stale)", () => {
  const discovered = routes.map((route) => route.key);
  expect(discovered.filter((key) => !(key in ACCESS_POLICY)), "routes without a policy").toEqual([]);
  expect(Object.keys(ACCESS_POLICY).filter((key) => !discovered.includes(key)), "policy entries without a route").toEqual([]);
});

async function identities(request: APIRequestContext): Promise<Identity[]> {
  const admin = await sessionCookie(request, ADMIN.email, ADMIN.password);
  const cookieFor = async (email: string, role: string) => {
    // A fresh session per call: sign-out ends the session it is called with.
    if (role === "admin") return sessionCookie(request, ADMIN.email, ADMIN.password);
    return userCookie(request, admin, email, role);
  };
  const tokens = {
    viewer: await apiToken(request, admin, "viewer"),
    operator: await apiToken(request, admin, "operator"),
    admin: await apiToken(request, admin, "admin"),
  };
  // HTTP cannot mint an already-expired token (tests/auth covers expiry with a moved clock);
  // a revoked one is the "no longer valid" credential here.
  const revoked = await apiToken(request, admin, "admin", 1);
  const tokenList = (await (await request.get("/api/tokens", { headers: { cookie: admin } })).json()).tokens as { id: string; prefix: string }[];
  const revokedRow = tokenList.find((token) => revoked.startsWith(token.prefix))!;
  expect((await request.delete(`/api/tokens/${revokedRow.id}`, { headers: { cookie: admin } })).status()).toBe(200);

  return [
    { name: "anonymous", role: "none", kind: "anonymous", headers: async () => ({}) },
    ...(["viewer", "operator", "admin"] as const).map(
      (role): Identity => ({ name: `${role} (cookie)`, role, kind: "cookie", headers: async () => ({ cookie: await cookieFor(`matrix-${role}@example.com`, role) }) }),
    ),
    ...(["viewer", "operator", "admin"] as const).map(
      (role): Identity => ({ name: `${role} (API token)`, role, kind: "token", headers: async () => ({ authorization: `Bearer ${tokens[role]}` }) }),
    ),
    { name: "revoked token", role: "none", kind: "token", headers: async () => ({ authorization: `Bearer ${revoked}` }) },
    { name: "wrong token", role: "none", kind: "token", headers: async () => ({ authorization: "Bearer ops_not-a-real-token" }) },
  ];
}

test("each identity gets the expected status from every route", async ({ request }) => {
  test.setTimeout(180_000);
  const failures: string[] = [];
  const all = await identities(request);
  for (const route of routes) {
    const access = ACCESS_POLICY[route.key]!;
    const isPage = route.key.startsWith("PAGE ");
    for (const identity of all) {
      const response = await request.fetch(concretePath(route.pattern), {
        method: route.method,
        headers: { ...(await identity.headers()), ...(route.method === "GET" ? {} : { "content-type": "application/json" }) },
        data: route.method === "GET" ? undefined : "{}",
        maxRedirects: 0,
      });
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      let expected: string;
      let ok: boolean;
      // Pages authenticate by cookie only: a token is as good as no credential there.
      const effectiveRole = isPage && identity.kind === "token" ? "none" : identity.role;
      const invalidToken = !isPage && identity.kind === "token" && identity.role === "none";
      if (access === "public") {
        expected = "not 401/403, < 500";
        ok = status < 500 && status !== 401 && status !== 403;
      } else if (access === "signed") {
        // No identity here carries the signature, so each must be refused by it (never 403 or 5xx).
        expected = "401";
        ok = status === 401;
      } else if (effectiveRole === "none" || invalidToken) {
        expected = isPage ? "307 to /signin" : "401";
        ok = isPage ? status === 307 && location.includes("/signin") : status === 401;
      } else if (RANK[effectiveRole] < RANK[access]) {
        expected = "403";
        ok = status === 403;
      } else {
        // A page for an id that exists nowhere answers 404 once access is granted.
        const dynamicPage = isPage && route.pattern.includes("[");
        expected = isPage ? (dynamicPage ? "200 or 404" : "200") : "allowed (not 401/403, < 500)";
        ok = isPage ? status === 200 || (dynamicPage && status === 404) : status < 500 && status !== 401 && status !== 403;
      }
      if (!ok) failures.push(`${route.key} as ${identity.name}: got ${status}${location ? ` → ${location}` : ""}, expected ${expected}`);
    }
  }
  expect(failures).toEqual([]);
});
