import { apiRoute, json } from "@/lib/http";

export const GET = apiRoute({ role: "viewer" }, async ({ principal }) =>
  json(
    principal.kind === "user"
      ? { kind: "user", email: principal.email, name: principal.name, role: principal.role }
      : { kind: "api_token", name: principal.name, role: principal.role },
  ),
);
