import { describe, expect, it } from "vitest";
import { ValidationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { healthCheckInput, type KindTarget } from "./model";
import { keepStoredSecrets, redactTarget, redactUrl, resolveSecrets, scrubSecrets } from "./secrets";

const check = (raw: unknown) => parseInput(healthCheckInput, raw);
const httpCheck = check({
  name: "api",
  kind: "http",
  target: { url: "https://ops:hunter22@api.example.com/health?api_key=k3y-v4lue&region=eu", headers: { Authorization: "Bearer s3cr3t-t0ken", Accept: "application/json", "X-Signed": "Bearer {{secret.SIGNING}}" } },
});
const pgCheck = check({ name: "pg", kind: "postgres", target: { url: "postgres://app:p%40ss-word@db.internal:5432/app?sslmode=require" } });
const upstash = check({ name: "u", kind: "redis", target: { mode: "upstash", url: "https://eu1.upstash.io", token: "AX12-upstash-token" } });

describe("redaction", () => {
  it("hides URL passwords and credential-like query values, and keeps the rest readable", () => {
    expect(redactUrl("postgres://app:p%40ss-word@db.internal:5432/app?sslmode=require")).toBe("postgres://app:***@db.internal:5432/app?sslmode=require");
    expect(redactUrl("https://api.example.com/h?token=abc&x=1#top")).toBe("https://api.example.com/h?token=***&x=1#top");
    expect(redactUrl("redis://:{{secret.REDIS_PW}}@cache:6379")).toBe("redis://:{{secret.REDIS_PW}}@cache:6379");
    expect(redactUrl("redis://user@cache:6379")).toBe("redis://user@cache:6379");
    expect(redactUrl("{{secret.DATABASE_URL}}")).toBe("{{secret.DATABASE_URL}}");
    expect(redactUrl("garbage with pass:word@")).toBe("***");
  });

  it("leaves no secret anywhere in a redacted target of any kind", () => {
    const shown = JSON.stringify([redactTarget(httpCheck), redactTarget(pgCheck), redactTarget(upstash)]);
    for (const secret of ["hunter22", "k3y-v4lue", "s3cr3t-t0ken", "p%40ss-word", "p@ss-word", "AX12-upstash-token"]) expect(shown).not.toContain(secret);
    expect(redactTarget(httpCheck)).toMatchObject({
      url: "https://ops:***@api.example.com/health?api_key=***&region=eu",
      headers: { Authorization: "***", Accept: "application/json", "X-Signed": "Bearer {{secret.SIGNING}}" },
    });
    expect(redactTarget(upstash)).toMatchObject({ token: "***" });
  });
});

describe("keepStoredSecrets", () => {
  it("puts the stored secrets back where an editor sent *** unchanged, and takes new values as given", () => {
    const edited = check({ ...httpCheck, name: "api v2", target: { ...redactTarget(httpCheck), url: "https://ops:***@api2.example.com/health?api_key=***&region=us" } });
    const kept = keepStoredSecrets(edited, httpCheck);
    expect(kept.target).toMatchObject({ url: "https://ops:hunter22@api2.example.com/health?api_key=k3y-v4lue&region=us", headers: { Authorization: "Bearer s3cr3t-t0ken", Accept: "application/json" } });
    expect(kept.name).toBe("api v2");
    const changed = keepStoredSecrets(check({ ...pgCheck, target: { url: "postgres://app:n3w-pass@db.internal:5432/app" } }), pgCheck);
    expect(changed.target).toEqual({ url: "postgres://app:n3w-pass@db.internal:5432/app" });
    expect(keepStoredSecrets(check({ ...upstash, target: { ...upstash.target, token: "***" } }), upstash).target).toMatchObject({ token: "AX12-upstash-token" });
  });

  it("keeps a whole stored URL that was shown as *** (one it could not take apart)", () => {
    const odd = { kind: "postgres" as const, target: { url: "postgres:app:pw@db" } };
    expect(redactTarget(odd)).toEqual({ url: "***" });
    expect(keepStoredSecrets({ kind: "postgres", target: { url: "***" } }, odd).target).toEqual({ url: "postgres:app:pw@db" });
  });

  it("refuses *** with no stored secret behind it, naming the field, so it is never saved as a password", () => {
    const field = (incoming: KindTarget, stored: KindTarget | null) => {
      try {
        keepStoredSecrets(incoming, stored);
      } catch (error) {
        if (error instanceof ValidationFailed) return error.details.field;
        throw error;
      }
      return undefined;
    };
    expect(field(check({ name: "n", kind: "postgres", target: { url: "postgres://app:***@db/app" } }), null)).toBe("target.url");
    expect(field(check({ name: "n", kind: "http", target: { url: "https://a.example", headers: { "X-Key": "***" } } }), httpCheck)).toBe("target.headers.X-Key");
    expect(field(check({ name: "n", kind: "redis", target: { mode: "resp", url: "redis://:***@cache" } }), pgCheck)).toBe("target.url");
  });
});

describe("resolveSecrets", () => {
  const secrets: Record<string, string> = { PG_PASSWORD: "a/b@c:d", DATABASE_URL: "postgres://x:y@h/db", TOKEN: "tok-123" };
  const read = (name: string) => secrets[name];

  it("fills placeholders, percent-encoding them inside URLs and taking a whole-URL secret as is", () => {
    const resolved = resolveSecrets(check({ name: "p", kind: "postgres", target: { url: "postgres://app:{{secret.PG_PASSWORD}}@db/app" } }), read);
    expect(resolved).toMatchObject({ ok: true, check: { target: { url: "postgres://app:a%2Fb%40c%3Ad@db/app" } } });
    expect(resolveSecrets(check({ name: "p", kind: "postgres", target: { url: "{{secret.DATABASE_URL}}" } }), read)).toMatchObject({ ok: true, check: { target: { url: "postgres://x:y@h/db" } } });
    const header = resolveSecrets(check({ name: "h", kind: "http", target: { url: "https://a.example", headers: { Authorization: "Bearer {{secret.TOKEN}}" } } }), read);
    expect(header).toMatchObject({ ok: true, check: { target: { headers: { Authorization: "Bearer tok-123" } } } });
    expect(header.ok && header.secrets).toContain("tok-123");
  });

  it("fails with the variable to set when a secret is missing", () => {
    expect(resolveSecrets(check({ name: "u", kind: "redis", target: { mode: "upstash", url: "https://x.upstash.io", token: "{{secret.NOPE}}" } }), read)).toEqual({
      ok: false,
      error: "secret NOPE is not set: set REMEDIATION_SECRET_NOPE where the worker runs",
    });
  });

  it("lists literal secrets too, so an error can be scrubbed of them", () => {
    const resolved = resolveSecrets(pgCheck, read);
    expect(resolved.ok && scrubSecrets("could not log in with p@ss-word or p%40ss-word", resolved.secrets)).toBe("could not log in with *** or ***");
  });
});
