import path from "node:path";
import * as webhookRoute from "@/app/api/webhooks/sentry/route";
import { signSentryBody } from "@/lib/sentry";
import { readJsonFiles } from "./json-fixtures";
import { callRoute } from "./routes";

/**
 * The repository's own Sentry webhook payloads, written from Sentry's documented formats and
 * named `<Sentry-Hook-Resource>-<action>.json`. Pretty-printed; Sentry sends compact JSON.
 */
export const WEBHOOK_FIXTURES_DIR = path.resolve(import.meta.dirname, "..", "fixtures", "sentry", "webhooks");

export interface Fixture {
  name: string;
  resource: string;
  /** As stored in the fixture (pretty-printed). */
  pretty: string;
  /** As Sentry sends it (compact JSON). */
  compact: string;
  body: Record<string, unknown>;
}

/** Every payload in `dir` (the repository's by default); the resource is the file name's prefix. */
export function loadWebhookFixtures(dir = WEBHOOK_FIXTURES_DIR): Fixture[] {
  return readJsonFiles(dir).map(({ name, text, body }) => ({ name, resource: name.split("-")[0]!, pretty: text, compact: JSON.stringify(body), body }));
}

export function fixture(name: string): Fixture {
  const found = loadWebhookFixtures().find((f) => f.name === name);
  if (!found) throw new Error(`No fixture ${name} in ${WEBHOOK_FIXTURES_DIR}`);
  return found;
}

/** Headers as Sentry sends them, signed with `secret` over the exact bytes of `rawBody`. */
export function sentryHeaders(rawBody: string, resource: string, secret: string, options: { timestamp?: number; signature?: string } = {}): Record<string, string> {
  return {
    "content-type": "application/json",
    "request-id": crypto.randomUUID(),
    "sentry-hook-resource": resource,
    "sentry-hook-timestamp": String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    "sentry-hook-signature": options.signature ?? signSentryBody(Buffer.from(rawBody), secret),
  };
}

/** Sends `rawBody` through the real webhook route, signed the way Sentry signs it. */
export function deliverSentryWebhook(rawBody: string, resource: string, secret: string, options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {}) {
  return callRoute(webhookRoute.POST, {
    method: "POST",
    path: "/api/webhooks/sentry",
    rawBody,
    headers: { ...sentryHeaders(rawBody, resource, secret, options), ...options.headers },
  });
}
