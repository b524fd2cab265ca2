import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthCheckInput, runProbe, type HealthCheckInput, type ProbeDeps } from "@/lib/health";
import { parseInput } from "@/lib/http";
import { startFakeHttp, type FakeHttpServer } from "../support/fake-http";
import { closedPort, startFakeRedis, startSilentServer } from "../support/fake-sockets";

const SECRETS: Record<string, string> = { API_TOKEN: "tok-3fa9-secret", UPSTASH_TOKEN: "upstash-7c1d-secret", REDIS_PASSWORD: "r3dis/pa@ss" };
const deps: ProbeDeps = { readSecret: (name) => SECRETS[name] };

/** Probes a check as an admin would write it (validated, defaults filled). */
function probe(raw: Omit<HealthCheckInput, "name"> & { name?: string }) {
  return runProbe(parseInput(healthCheckInput, { name: "test", ...raw }), deps);
}

let web: FakeHttpServer;
beforeAll(async () => {
  web = await startFakeHttp((request) => {
    if (request.path === "/health") return { status: 200, body: "status: healthy" };
    if (request.path === "/broken") return { status: 500, body: "boom" };
    if (request.path === "/slow") return { status: 200, body: "status: healthy", delayMs: 300 };
    if (request.path === "/hang") return { status: 200, body: "late", delayMs: 5_000 };
    if (request.path === "/degraded") return { status: 200, body: "status: degraded" };
    if (request.path === "/moved") return { status: 301, headers: { location: "/health" } };
    if (request.path === "/ping") {
      return request.headers.authorization === `Bearer ${SECRETS.UPSTASH_TOKEN}` ? { status: 200, body: { result: "PONG" } } : { status: 401, body: { error: "Unauthorized" } };
    }
    return { status: 404, body: "no" };
  });
});
afterAll(async () => {
  await web.close();
});

describe("HTTP probe", () => {
  it("is up on a 2xx with the expected body, and measures the latency", async () => {
    const result = await probe({ kind: "http", target: { url: `${web.url}/health`, bodyContains: "healthy" } });
    expect(result).toEqual({ ok: true, latencyMs: expect.any(Number) });
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it("is down on a 500, saying what came back", async () => {
    expect(await probe({ kind: "http", target: { url: `${web.url}/broken` } })).toEqual({ ok: false, latencyMs: expect.any(Number), error: "answered 500, expected 2xx" });
    expect(await probe({ kind: "http", target: { url: `${web.url}/broken`, expectedStatus: [500] } })).toMatchObject({ ok: true });
  });

  it("is down when slower than the latency threshold, though the answer is right", async () => {
    const result = await probe({ kind: "http", timeoutMs: 3000, target: { url: `${web.url}/slow`, latencyThresholdMs: 100 } });
    expect(result.ok).toBe(false);
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.error).toMatch(/^answered 200 in \d+ ms, slower than the 100 ms threshold$/);
  });

  it("gives up at the timeout and says so, without waiting for the answer", async () => {
    const started = Date.now();
    expect(await probe({ kind: "http", timeoutMs: 300, target: { url: `${web.url}/hang` } })).toEqual({ ok: false, latencyMs: null, error: "no answer within 300 ms (timeout)" });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("is down when the body lacks the marker", async () => {
    expect(await probe({ kind: "http", target: { url: `${web.url}/degraded`, bodyContains: "healthy" } })).toMatchObject({ ok: false, error: 'answered 200, but the body does not contain "healthy"' });
  });

  it("is down when the connection is refused, naming host and port only", async () => {
    const port = await closedPort();
    expect(await probe({ kind: "http", target: { url: `http://monitor:pw-in-url@127.0.0.1:${port}/health` } })).toEqual({ ok: false, latencyMs: null, error: `connection refused by 127.0.0.1:${port}` });
  });

  it("names a TLS handshake failure plainly (https:// to a plain HTTP server)", async () => {
    const port = new URL(web.url).port;
    expect(await probe({ kind: "http", target: { url: `https://127.0.0.1:${port}/health` } })).toEqual({
      ok: false,
      latencyMs: null,
      error: `TLS handshake with 127.0.0.1:${port} failed: wrong version number (does it speak plain HTTP?)`,
    });
  });

  it("follows redirects unless told not to; HEAD works", async () => {
    expect(await probe({ kind: "http", target: { url: `${web.url}/moved` } })).toMatchObject({ ok: true });
    expect(await probe({ kind: "http", target: { url: `${web.url}/moved`, followRedirects: false } })).toMatchObject({ ok: false, error: "answered 301, expected 2xx" });
    expect(await probe({ kind: "http", target: { url: `${web.url}/moved`, followRedirects: false, expectedStatus: [301, 302] } })).toMatchObject({ ok: true });
    expect(await probe({ kind: "http", target: { url: `${web.url}/health`, method: "HEAD" } })).toMatchObject({ ok: true });
  });

  it("sends the URL's credentials as Basic authentication", async () => {
    const before = web.requests.length;
    expect(await probe({ kind: "http", target: { url: web.url.replace("http://", "http://monitor:{{secret.API_TOKEN}}@") + "/health" } })).toMatchObject({ ok: true });
    expect(web.requests[before]?.headers.authorization).toBe(`Basic ${Buffer.from(`monitor:${SECRETS.API_TOKEN}`).toString("base64")}`);
  });

  it("sends {{secret.NAME}} header values filled in, and fails naming the variable when one is missing", async () => {
    const before = web.requests.length;
    expect(await probe({ kind: "http", target: { url: `${web.url}/health`, headers: { Authorization: "Bearer {{secret.API_TOKEN}}" } } })).toMatchObject({ ok: true });
    expect(web.requests[before]?.headers.authorization).toBe(`Bearer ${SECRETS.API_TOKEN}`);
    expect(await probe({ kind: "http", target: { url: `${web.url}/health`, headers: { Authorization: "Bearer {{secret.MISSING}}" } } })).toEqual({
      ok: false,
      latencyMs: null,
      error: "secret MISSING is not set: set REMEDIATION_SECRET_MISSING where the worker runs",
    });
  });
});

describe("TCP probe", () => {
  it("is up when the port accepts a connection", async () => {
    const port = Number(new URL(web.url).port);
    expect(await probe({ kind: "tcp", target: { host: "127.0.0.1", port } })).toEqual({ ok: true, latencyMs: expect.any(Number) });
  });

  it("is down when the connection is refused", async () => {
    const port = await closedPort();
    expect(await probe({ kind: "tcp", target: { host: "127.0.0.1", port } })).toEqual({ ok: false, latencyMs: null, error: `connection refused by 127.0.0.1:${port}` });
  });
});

describe("Redis probe", () => {
  it("gets PONG from the real Redis on 127.0.0.1:6379", async () => {
    expect(await probe({ kind: "redis", target: { mode: "resp", url: "redis://127.0.0.1:6379" } })).toEqual({ ok: true, latencyMs: expect.any(Number) });
  });

  it("reports the real Redis refusing AUTH when the URL has a password it does not expect", async () => {
    const result = await probe({ kind: "redis", target: { mode: "resp", url: "redis://:not-configured-pw@127.0.0.1:6379" } });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^127\.0\.0\.1:6379 refused AUTH: /);
    expect(result.error).not.toContain("not-configured-pw");
  });

  it("sends AUTH with the user and the decoded password from the URL before PING", async () => {
    const redis = await startFakeRedis({ user: "monitor", password: SECRETS.REDIS_PASSWORD! });
    try {
      expect(await probe({ kind: "redis", target: { mode: "resp", url: `redis://monitor:{{secret.REDIS_PASSWORD}}@127.0.0.1:${redis.port}` } })).toMatchObject({ ok: true });
      expect(redis.commands).toEqual([["AUTH", "monitor", SECRETS.REDIS_PASSWORD], ["PING"]]);
      const wrong = await probe({ kind: "redis", target: { mode: "resp", url: `redis://monitor:wrong-password@127.0.0.1:${redis.port}` } });
      expect(wrong).toEqual({ ok: false, latencyMs: null, error: `127.0.0.1:${redis.port} refused AUTH: WRONGPASS invalid username-password pair or user is disabled.` });
      const noAuth = await probe({ kind: "redis", target: { mode: "resp", url: `redis://127.0.0.1:${redis.port}` } });
      expect(noAuth).toMatchObject({ ok: false, error: `127.0.0.1:${redis.port} answered PING with NOAUTH Authentication required.` });
    } finally {
      await redis.close();
    }
  });

  it("is down on a refused port, on something that is not Redis, and on a server that never answers", async () => {
    const port = await closedPort();
    expect(await probe({ kind: "redis", target: { mode: "resp", url: `redis://127.0.0.1:${port}` } })).toMatchObject({ ok: false, error: `connection refused by 127.0.0.1:${port}` });
    const httpPort = new URL(web.url).port;
    expect((await probe({ kind: "redis", target: { mode: "resp", url: `redis://127.0.0.1:${httpPort}` } })).error).toMatch(/which is not Redis$/);
    const silent = await startSilentServer();
    try {
      expect(await probe({ kind: "redis", timeoutMs: 300, target: { mode: "resp", url: `redis://127.0.0.1:${silent.port}` } })).toEqual({ ok: false, latencyMs: null, error: "no answer within 300 ms (timeout)" });
    } finally {
      await silent.close();
    }
  });

  it("pings Upstash's REST API with the token as Bearer", async () => {
    const before = web.requests.length;
    expect(await probe({ kind: "redis", target: { mode: "upstash", url: web.url, token: "{{secret.UPSTASH_TOKEN}}" } })).toEqual({ ok: true, latencyMs: expect.any(Number) });
    expect(web.requests[before]).toMatchObject({ method: "GET", path: "/ping" });
    const refused = await probe({ kind: "redis", target: { mode: "upstash", url: web.url, token: "wrong-token" } });
    expect(refused).toMatchObject({ ok: false, error: `127.0.0.1:${new URL(web.url).port} answered 401: the token was refused` });
    expect(await probe({ kind: "redis", target: { mode: "upstash", url: `${web.url}/broken`, token: "x" } })).toMatchObject({ ok: false });
  });
});

describe("PostgreSQL probe", () => {
  // A real server: the test server, or the machine's local PostgreSQL, which .ci/run starts
  // for both test runs (the PGlite run included).
  const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";

  it("runs select 1 on a real server, and is down for a database that does not exist", async () => {
    expect(await probe({ kind: "postgres", target: { url: serverUrl } })).toEqual({ ok: true, latencyMs: expect.any(Number) });
    const missing = new URL(serverUrl);
    missing.pathname = "/ops_health_no_such_database";
    const result = await probe({ kind: "postgres", target: { url: missing.toString() } });
    expect(result.ok).toBe(false);
    expect(result.error).toContain("SQLSTATE 3D000");
  });

  it("is down when the port refuses, and when the server never answers", async () => {
    const port = await closedPort();
    expect(await probe({ kind: "postgres", target: { url: `postgres://app:s3cret-pw@127.0.0.1:${port}/app` } })).toEqual({ ok: false, latencyMs: null, error: `connection refused by 127.0.0.1:${port}` });
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      expect(await probe({ kind: "postgres", timeoutMs: 300, target: { url: `postgres://app:pw@127.0.0.1:${silent.port}/app` } })).toMatchObject({ ok: false, latencyMs: null });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await silent.close();
    }
  });
});
