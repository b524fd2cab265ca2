import { describe, expect, it } from "vitest";
import { json } from "./index";

describe("json responses", () => {
  it("marks small bodies no-transform so next start does not gzip an acknowledgement", async () => {
    const response = json({ ok: true }, 202);
    expect(response.status).toBe(202);
    expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("leaves large bodies compressible", () => {
    const response = json({ items: "x".repeat(2000) });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("application/json");
  });

  it("lets callers add headers such as Retry-After", () => {
    expect(json({}, 503, { "Retry-After": "5" }).headers.get("retry-after")).toBe("5");
  });
});
