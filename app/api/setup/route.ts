import { clientIp, completeSetup, needsSetup, setupInput } from "@/lib/auth";
import { json, parseJsonBody, publicRoute } from "@/lib/http";

export const GET = publicRoute(async () => json({ needsSetup: await needsSetup() }));

/** Creates the first admin; refused (409) once any user exists. */
export const POST = publicRoute(async ({ request }) => {
  const input = await parseJsonBody(request, setupInput);
  const user = await completeSetup(input, clientIp(request));
  return json({ user }, 201);
});
