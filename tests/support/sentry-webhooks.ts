import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { signSentryBody } from "@/lib/sentry";

export const FIXTURES_DIR = path.resolve(process.cwd(), "..", "shared", "fixtures", "sentry", "webhooks");

export interface Fixture {
  name: string;
  resource: string;
  /** As stored in the fixture (pretty-printed). */
  pretty: string;
  /** As Sentry sends it (compact JSON). */
  compact: string;
  body: Record<string, unknown>;
}

/** Every Sentry-authored payload in shared/fixtures; the resource is the file name's prefix. */
export function loadWebhookFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const pretty = readFileSync(path.join(FIXTURES_DIR, file), "utf8");
      const body = JSON.parse(pretty) as Record<string, unknown>;
      return { name: file, resource: file.split("-")[0]!, pretty, compact: JSON.stringify(body), body };
    });
}

export function fixture(name: string): Fixture {
  const found = loadWebhookFixtures().find((f) => f.name === name);
  if (!found) throw new Error(`No fixture ${name}`);
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
