import * as Sentry from "@sentry/nextjs";

export async function register() {
  // Parse the configuration at start-up so a bad variable stops the server with a message
  // naming it, instead of failing on the first request.
  const { getConfig } = await import("@/lib/config");
  const config = getConfig();
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./sentry.server.config");
    // With the embedded database no other process may open it, so the server runs jobs and
    // drains the outbox (rules, alerts, the loop) itself (WORKER_IN_PROCESS); never while
    // `next build` prerenders.
    if (config.worker.inProcess && process.env.NEXT_PHASE !== "phase-production-build") {
      const { startEmbeddedWorker } = await import("@/lib/worker");
      startEmbeddedWorker().catch((error: unknown) => console.error("The in-process worker could not start", error));
    }
  }
  if (process.env.NEXT_RUNTIME === "edge") await import("./sentry.edge.config");
}

export const onRequestError = Sentry.captureRequestError;
