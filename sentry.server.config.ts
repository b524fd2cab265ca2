import * as Sentry from "@sentry/nextjs";
import { getConfig } from "@/lib/config";

// Without a DSN the SDK is a no-op, so a fresh clone runs with no Sentry project.
const { sentry } = getConfig();
Sentry.init({
  dsn: sentry.dsn,
  environment: sentry.environment,
  tracesSampleRate: sentry.tracesSampleRate,
});
