import { clearedSessionCookie, clientIp, deleteSessionBySecret, readCookie, recordSignOut, SESSION_COOKIE } from "@/lib/auth";
import { apiRoute } from "@/lib/http";

export const POST = apiRoute({ role: "viewer" }, async ({ request, principal }) => {
  const secret = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (secret && principal.kind === "user") await deleteSessionBySecret(secret);
  await recordSignOut(principal, clientIp(request));
  return new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie() } });
});
