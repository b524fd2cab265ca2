import * as Sentry from "@sentry/nextjs";
import { getConfig } from "@/lib/config";
import { scrubbingHooks } from "@/lib/telemetry";

const { sentry } = getConfig();
if (sentry.dsn) {
  Sentry.init({
    dsn: sentry.dsn,
    environment: sentry.environment,
    tracesSampleRate: sentry.tracesSampleRate,
    ...scrubbingHooks(),
  });
}
