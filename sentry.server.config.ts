import * as Sentry from "@sentry/nextjs";
import { getConfig } from "@/lib/config";
import { scrubbingHooks } from "@/lib/telemetry";

// Without a DSN there is nothing to send to, so the SDK is not started at all: an SDK
// started without a DSN still instruments (and, with tracing on, times) every request.
const { sentry } = getConfig();
if (sentry.dsn) {
  Sentry.init({
    dsn: sentry.dsn,
    environment: sentry.environment,
    tracesSampleRate: sentry.tracesSampleRate,
    ...scrubbingHooks(),
  });
}
