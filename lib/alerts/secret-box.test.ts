import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, SecretBoxError } from "./secret-box";

const APP_SECRET = "a-long-app-secret-for-tests-0123456789abcdef";
const WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX";

describe("secret box", () => {
  it("opens what it sealed, and the sealed form shows nothing of the secret", () => {
    const sealed = sealSecret(WEBHOOK, APP_SECRET);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("hooks.slack.com");
    expect(openSecret(sealed, APP_SECRET)).toBe(WEBHOOK);
  });

  it("uses a fresh nonce each time", () => {
    expect(sealSecret(WEBHOOK, APP_SECRET)).not.toBe(sealSecret(WEBHOOK, APP_SECRET));
  });

  it("refuses another APP_SECRET, an altered value, a truncated one and an unknown version", () => {
    const sealed = sealSecret(WEBHOOK, APP_SECRET);
    expect(() => openSecret(sealed, `${APP_SECRET}x`)).toThrow(SecretBoxError);
    const body = Buffer.from(sealed.slice(3), "base64url");
    body[body.length - 1]! ^= 1;
    expect(() => openSecret(`v1.${body.toString("base64url")}`, APP_SECRET)).toThrow(/does not open/);
    expect(() => openSecret("v1.AAAA", APP_SECRET)).toThrow(/truncated/);
    expect(() => openSecret(`v2.${sealed.slice(3)}`, APP_SECRET)).toThrow(/known version/);
  });
});
