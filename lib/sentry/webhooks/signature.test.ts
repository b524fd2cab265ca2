import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signSentryBody, verifySentrySignature } from "./signature";

const body = Buffer.from('{"action":"created","data":{}}');

describe("verifySentrySignature", () => {
  it("accepts the lowercase hex HMAC-SHA256 of the exact bytes", () => {
    const signature = createHmac("sha256", "secret").update(body).digest("hex");
    expect(signSentryBody(body, "secret")).toBe(signature);
    expect(verifySentrySignature(body, signature, "secret")).toBe(true);
  });
  it("rejects another secret, a changed body, re-serialised JSON, and garbage", () => {
    const signature = signSentryBody(body, "secret");
    expect(verifySentrySignature(body, signature, "other")).toBe(false);
    expect(verifySentrySignature(Buffer.from('{"action":"created","data":{} }'), signature, "secret")).toBe(false);
    expect(verifySentrySignature(body, null, "secret")).toBe(false);
    expect(verifySentrySignature(body, "zz", "secret")).toBe(false);
    expect(verifySentrySignature(body, signature.slice(0, 63), "secret")).toBe(false);
  });
});
