import { createHmac, timingSafeEqual } from "node:crypto";

/** Sentry-Hook-Signature: lowercase hex HMAC-SHA256 of the exact body bytes, keyed by the Client Secret. */
export function signSentryBody(rawBody: Uint8Array, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

/**
 * Pure: whether the signature header matches the raw body. Compares in constant time over
 * the bytes, so response timing does not reveal how much of a forged signature was right.
 * The body must be the bytes as received — re-serialised JSON does not match.
 */
export function verifySentrySignature(rawBody: Uint8Array, signature: string | null, secret: string): boolean {
  if (!signature || !/^[0-9a-fA-F]{64}$/.test(signature.trim())) return false;
  const expected = Buffer.from(signSentryBody(rawBody, secret), "hex");
  const given = Buffer.from(signature.trim().toLowerCase(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
