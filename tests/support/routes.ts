import { createApiToken, SYSTEM_ACTOR } from "@/lib/auth";

/** Calls a Next route handler directly with a real Request, the way Next does. */
export async function callRoute<Params extends object = Record<string, never>>(
  handler: (request: Request, context: { params: Promise<Params> }) => Promise<Response>,
  options: {
    method?: string;
    path?: string;
    body?: unknown;
    rawBody?: string;
    cookie?: string;
    token?: string;
    headers?: Record<string, string>;
    params?: Params;
  } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route has its own body shape; tests assert on it
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(options.headers);
  headers.set("host", "localhost:3000");
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  const request = new Request(`http://localhost:3000${options.path ?? "/"}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve((options.params ?? {}) as Params) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export function cookieFrom(headers: Headers): string {
  const setCookie = headers.get("set-cookie");
  if (!setCookie) throw new Error("The response set no cookie");
  return setCookie.split(";")[0]!;
}

/** One API token per role, for tests that call routes as each role. */
export async function createRoleTokens(): Promise<Record<"viewer" | "operator" | "admin", string>> {
  const token = async (role: "viewer" | "operator" | "admin") => (await createApiToken({ name: role, role, expiresInDays: null }, SYSTEM_ACTOR)).secret;
  return { viewer: await token("viewer"), operator: await token("operator"), admin: await token("admin") };
}
