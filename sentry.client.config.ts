import type { BrowserOptions } from "@sentry/nextjs";

// Shared browser options. Turbopack does not load this file by itself (@sentry/nextjs 11):
// instrumentation-client.ts imports it. Only NEXT_PUBLIC_* values may appear here, because
// this code ships to the browser.
export const sentryClientOptions: BrowserOptions = {
  dsn: process.env.NEXT_PUBLIC_SENTRY_DSN || undefined,
  environment: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT || undefined,
  tracesSampleRate: 0.2,
};
