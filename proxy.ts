import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path to server components so sign-in can send people back to it, and
 * answers 400 for a path that cannot be decoded (a broken %-escape), which Next itself would
 * answer with a 500 (vercel/next.js#92527), or that holds a NUL, which PostgreSQL cannot compare.
 */
export function proxy(request: NextRequest) {
  const problem = urlProblem(request.nextUrl);
  if (problem) return NextResponse.json({ error: { code: "bad_request", message: problem } }, { status: 400 });
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

function urlProblem(url: URL): string | null {
  try {
    if (decodeURIComponent(url.pathname).includes("\0")) return "The path holds a NUL character (%00).";
  } catch {
    return "The path has a broken %-escape: it cannot be decoded.";
  }
  for (const [name, value] of url.searchParams) if ((name + value).includes("\0")) return `${name} must not contain a NUL character (%00).`;
  return null;
}

// Pages, and any path with a %-escape (the API's other paths skip the proxy: the webhook and
// check-in routes are hot).
export const config = { matcher: ["/((?!api/|_next/|favicon.ico).*)", "/(.*%.*)"] };
