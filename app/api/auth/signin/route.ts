import { clientIp, readCookie, SESSION_COOKIE, sessionCookie, signIn, signInInput } from "@/lib/auth";
import { json, parseJsonBody, publicRoute } from "@/lib/http";

export const POST = publicRoute(async ({ request }) => {
  const input = await parseJsonBody(request, signInInput);
  const { user, session } = await signIn(input, {
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent") ?? undefined,
    previousSessionSecret: readCookie(request.headers.get("cookie"), SESSION_COOKIE),
  });
  return json({ user }, 200, { "Set-Cookie": sessionCookie(session.secret, session.expiresAt) });
});
