import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, environmentSchema, parseConfig } from "./schema";

describe("parseConfig", () => {
  it("defaults to the embedded database in .data when DATABASE_URL is unset", () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ kind: "embedded", dataDir: ".data" });
    expect(config.session.secureCookie).toBe(false);
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = parseConfig({ DATABASE_URL: "postgresql://ops@db:5432/ops" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://ops@db:5432/ops", poolSize: 10 });
  });

  it("treats an empty DATABASE_URL as unset (as .env files often leave it)", () => {
    expect(parseConfig({ DATABASE_URL: "" }).database.kind).toBe("embedded");
  });

  it("names every bad variable in one error", () => {
    let error: unknown;
    try {
      parseConfig({ DATABASE_URL: "mysql://x", SESSION_TTL_HOURS: "-3", SENTRY_TRACES_SAMPLE_RATE: "2" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(["DATABASE_URL", "SENTRY_TRACES_SAMPLE_RATE", "SESSION_TTL_HOURS"]);
    expect((error as Error).message).toContain("DATABASE_URL: must be a postgres://");
  });

  it("makes session cookies Secure in production unless told otherwise", () => {
    expect(parseConfig({ NODE_ENV: "production" }).session.secureCookie).toBe(true);
    expect(parseConfig({ NODE_ENV: "production", SESSION_COOKIE_SECURE: "false" }).session.secureCookie).toBe(false);
    expect(parseConfig({ SESSION_COOKIE_SECURE: "true" }).session.secureCookie).toBe(true);
  });

  it("strips a trailing slash from APP_URL so links join cleanly", () => {
    expect(parseConfig({ APP_URL: "https://ops.example.com/" }).appUrl).toBe("https://ops.example.com");
  });
});

describe(".env.example", () => {
  it("documents exactly the variables the schema reads", () => {
    const example = readFileSync(path.join(process.cwd(), ".env.example"), "utf8");
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(environmentSchema.shape).sort());
  });
});
