import * as Sentry from "@sentry/nextjs";
import { getConfig } from "@/lib/config";

const { sentry } = getConfig();
if (sentry.dsn) {
  Sentry.init({
    dsn: sentry.dsn,
    environment: sentry.environment,
    tracesSampleRate: sentry.tracesSampleRate,
  });
}
