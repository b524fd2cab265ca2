import * as Sentry from "@sentry/nextjs";
import { sentryClientOptions } from "./sentry.client.config";

Sentry.init(sentryClientOptions);

export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
