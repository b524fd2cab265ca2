import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "ops_";

/** 256 random bits; only the SHA-256 is stored, so a database leak does not leak sessions. */
export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function newApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What lists show so people can tell tokens apart: "ops_AbCd…". */
export function displayPrefix(secret: string): string {
  return secret.slice(0, API_TOKEN_PREFIX.length + 6);
}
