import { actorOf, clientIp, updateUser, updateUserInput } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";

export const PATCH = apiRoute<{ id: string }>({ role: "admin" }, async ({ request, principal, params }) => {
  const input = await parseJsonBody(request, updateUserInput);
  const user = await updateUser(params.id, input, actorOf(principal, clientIp(request)));
  return json({ user });
});
