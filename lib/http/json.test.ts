import { describe, expect, it } from "vitest";
import { json, pathOfNul, readJsonBody, searchParams } from "./index";

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

describe("NUL characters, which PostgreSQL cannot store or compare", () => {
  it("finds the first string or key holding one, by path", () => {
    expect(pathOfNul({ a: "ok", b: [1, { c: "x\u0000y" }] })).toBe("b.1.c");
    expect(pathOfNul({ ["k\u0000"]: 1 })).toBe("k\u0000");
    expect(pathOfNul("\u0000")).toBe("body");
    expect(pathOfNul({ a: "fine", b: null, c: 3 })).toBeNull();
  });

  it("refuses a JSON body or a query parameter holding one, naming where", async () => {
    const post = (body: string) => new Request("http://x/api", { method: "POST", body });
    await expect(readJsonBody(post('{"name":"a\\u0000b"}'))).rejects.toMatchObject({ code: "validation_failed", details: { field: "name" } });
    await expect(readJsonBody(post('{"name":"a\\\\u0000b"}'))).resolves.toEqual({ name: "a\\u0000b" });
    expect(() => searchParams(new Request("http://x/api?cursor=%00"))).toThrow(expect.objectContaining({ code: "bad_request", details: { field: "cursor" } }));
    expect(searchParams(new Request("http://x/api?q=fine%20text"))).toEqual({ q: "fine text" });
  });
});
