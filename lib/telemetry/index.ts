/**
 * This app's own Sentry calls, through @sentry/core. Inside Next the @sentry/nextjs server SDK
 * initialises the client; in the standalone worker @sentry/node does. Both are built on the
 * same @sentry/core (one global client), so code here works under either. Importing
 * @sentry/nextjs from a plain Node process (tsx) yields only part of its API.
 */
export { captureException, captureMessage, captureCheckIn, startSpan, getClient, flush, withScope, getTraceData, continueTrace } from "@sentry/core";
export { scrubbingHooks, scrubSecrets, secretValues } from "./scrub";
