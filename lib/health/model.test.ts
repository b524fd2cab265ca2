import { describe, expect, it } from "vitest";
import { ValidationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { describeTarget, healthCheckInput } from "./model";

function fieldOf(raw: unknown): string | undefined {
  try {
    parseInput(healthCheckInput, raw);
  } catch (error) {
    if (error instanceof ValidationFailed) return error.details.field;
    throw error;
  }
  return undefined;
}

const http = { name: "api", kind: "http", target: { url: "https://api.example.com/health" } };

describe("healthCheckInput", () => {
  it("fills defaults for each kind", () => {
    expect(parseInput(healthCheckInput, http)).toEqual({
      name: "api",
      kind: "http",
      intervalSeconds: 60,
      timeoutMs: 5000,
      enabled: true,
      target: { url: "https://api.example.com/health", method: "GET", expectedStatus: [], headers: {}, followRedirects: true },
    });
    expect(parseInput(healthCheckInput, { name: "db", kind: "tcp", target: { host: "10.0.0.5", port: 5432 } }).target).toEqual({ host: "10.0.0.5", port: 5432 });
    expect(parseInput(healthCheckInput, { name: "cache", kind: "redis", target: { mode: "resp", url: "rediss://default:pw@cache:6380" } }).target).toEqual({ mode: "resp", url: "rediss://default:pw@cache:6380" });
    expect(parseInput(healthCheckInput, { name: "pg", kind: "postgres", target: { url: "{{secret.DATABASE_URL}}" } }).target).toEqual({ url: "{{secret.DATABASE_URL}}" });
  });

  it("names the wrong field for every kind", () => {
    expect(fieldOf({ ...http, name: " " })).toBe("name");
    expect(fieldOf({ ...http, kind: "ftp" })).toBe("kind");
    expect(fieldOf({ ...http, intervalSeconds: 10 })).toBe("intervalSeconds");
    expect(fieldOf({ ...http, timeoutMs: 120_000 })).toBe("timeoutMs");
    expect(fieldOf({ ...http, target: { url: "ftp://files.example.com" } })).toBe("target.url");
    expect(fieldOf({ ...http, target: { url: "not a url" } })).toBe("target.url");
    expect(fieldOf({ ...http, target: { ...http.target, method: "POST" } })).toBe("target.method");
    expect(fieldOf({ ...http, target: { ...http.target, expectedStatus: [200, 700] } })).toBe("target.expectedStatus.1");
    expect(fieldOf({ ...http, target: { ...http.target, method: "HEAD", bodyContains: "ok" } })).toBe("target.bodyContains");
    expect(fieldOf({ ...http, timeoutMs: 1000, target: { ...http.target, latencyThresholdMs: 1000 } })).toBe("target.latencyThresholdMs");
    expect(fieldOf({ ...http, target: { ...http.target, headers: { "Bad Header": "x" } } })).toBe("target.headers.Bad Header");
    expect(fieldOf({ name: "t", kind: "tcp", target: { host: "db", port: 0 } })).toBe("target.port");
    expect(fieldOf({ name: "t", kind: "tcp", target: { host: "tcp://db:5432", port: 5432 } })).toBe("target.host");
    expect(fieldOf({ name: "r", kind: "redis", target: { mode: "resp", url: "http://cache:6379" } })).toBe("target.url");
    expect(fieldOf({ name: "r", kind: "redis", target: { mode: "memcached" } })).toBe("target.mode");
    expect(fieldOf({ name: "r", kind: "redis", target: { mode: "upstash", url: "https://x.upstash.io" } })).toBe("target.token");
    expect(fieldOf({ name: "p", kind: "postgres", target: { url: "mysql://db/app" } })).toBe("target.url");
  });

  it("accepts {{secret.NAME}} placeholders in secret fields and refuses any other placeholder", () => {
    expect(fieldOf({ ...http, target: { url: "https://u:{{secret.API_PW}}@api.example.com/h?token={{secret.T}}", headers: { Authorization: "Bearer {{secret.API_TOKEN}}" } } })).toBeUndefined();
    expect(fieldOf({ ...http, target: { ...http.target, headers: { Authorization: "Bearer {{issue.title}}" } } })).toBe("target.headers.Authorization");
    expect(fieldOf({ ...http, target: { ...http.target, headers: { Authorization: "{{secret.lower}}" } } })).toBe("target.headers.Authorization");
    expect(fieldOf({ name: "p", kind: "postgres", target: { url: "postgres://app:{{env.PW}}@db/app" } })).toBe("target.url");
    expect(fieldOf({ name: "r", kind: "redis", target: { mode: "upstash", url: "https://x.upstash.io", token: "{{secret.UPSTASH_TOKEN}}" } })).toBeUndefined();
  });
});

describe("describeTarget", () => {
  it("names what is probed in one line", () => {
    expect(describeTarget({ kind: "http", target: { url: "https://a.example/h", method: "HEAD", expectedStatus: [], headers: {}, followRedirects: true } })).toBe("HEAD https://a.example/h");
    expect(describeTarget({ kind: "tcp", target: { host: "::1", port: 22 } })).toBe("[::1]:22");
    expect(describeTarget({ kind: "redis", target: { mode: "upstash", url: "https://x.upstash.io", token: "***" } })).toBe("Upstash https://x.upstash.io");
  });
});
