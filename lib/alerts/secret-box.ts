import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Channel secrets (webhook URLs with tokens, routing keys, SMTP passwords) encrypted at rest
 * with a key derived from APP_SECRET: AES-256-GCM, a fresh 96-bit nonce per value, and the
 * authentication tag, so a changed or swapped ciphertext fails instead of decrypting to junk.
 * Stored as "v1.<base64url(nonce | tag | ciphertext)>"; the version leaves room for rotation.
 */
const VERSION = "v1";

export class SecretBoxError extends Error {}

function keyFrom(appSecret: string): Buffer {
  // HKDF rather than the secret itself: APP_SECRET may also key other things later, and each
  // use gets its own key from its own label.
  return Buffer.from(hkdfSync("sha256", appSecret, "self-healing-ops", "notification-channel-secrets", 32));
}

export function sealSecret(plaintext: string, appSecret: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(appSecret), nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

export function openSecret(sealed: string, appSecret: string): string {
  const [version, body] = sealed.split(".", 2);
  if (version !== VERSION || !body) throw new SecretBoxError("Not a sealed secret of a known version.");
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < 12 + 16) throw new SecretBoxError("The sealed secret is truncated.");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(appSecret), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("The sealed secret does not open with this APP_SECRET (changed, or the value was altered).");
  }
}
