import { actorOf, clientIp, createUser, createUserInput, listUsers } from "@/lib/auth";
import { apiRoute, json, parseJsonBody } from "@/lib/http";

export const GET = apiRoute({ role: "admin" }, async () => json({ users: await listUsers() }));

export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const input = await parseJsonBody(request, createUserInput);
  const user = await createUser(input, actorOf(principal, clientIp(request)));
  return json({ user }, 201);
});
