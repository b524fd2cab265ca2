import { actorOf, clientIp, createApiToken, createApiTokenInput, listApiTokens } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";

export const GET = apiRoute({ role: "admin" }, async () => json({ tokens: await listApiTokens() }));

/** The response is the only time the secret is ever shown. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const input = await parseJsonBody(request, createApiTokenInput);
  const { token, secret } = await createApiToken(input, actorOf(principal, clientIp(request)));
  return json({ token, secret }, 201);
});
