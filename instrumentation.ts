import * as Sentry from "@sentry/nextjs";

export async function register() {
  // Parse the configuration at start-up so a bad variable stops the server with a message
  // naming it, instead of failing on the first request.
  const { getConfig } = await import("@/lib/config");
  getConfig();
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./sentry.server.config");
  if (process.env.NEXT_RUNTIME === "edge") await import("./sentry.edge.config");
}

export const onRequestError = Sentry.captureRequestError;
