import { describe, expect, it } from "vitest";
import { isCrossSiteMutation } from "./csrf";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { signInGate } from "./rate-limit";
import { hasRole, ROLES } from "./roles";
import { Role as SchemaRole } from "@/lib/db/generated/enums";

describe("roles", () => {
  it("are cumulative: admin > operator > viewer", () => {
    expect(hasRole("admin", "operator")).toBe(true);
    expect(hasRole("operator", "viewer")).toBe(true);
    expect(hasRole("operator", "admin")).toBe(false);
    expect(hasRole("viewer", "operator")).toBe(false);
  });

  it("match the database enum exactly", () => {
    expect([...ROLES].sort()).toEqual(Object.values(SchemaRole).sort());
  });
});

describe("isCrossSiteMutation", () => {
  const base = { method: "POST", host: "ops.example.com", origin: null, secFetchSite: null };
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteMutation({ ...base, method: "GET", secFetchSite: "cross-site" })).toBe(false);
  });
  it("refuses a cross-site or same-site (sibling subdomain) post", () => {
    expect(isCrossSiteMutation({ ...base, secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteMutation({ ...base, secFetchSite: "same-site" })).toBe(true);
  });
  it("accepts same-origin posts", () => {
    expect(isCrossSiteMutation({ ...base, secFetchSite: "same-origin" })).toBe(false);
  });
  it("falls back to comparing Origin with Host for older browsers", () => {
    expect(isCrossSiteMutation({ ...base, origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteMutation({ ...base, origin: "https://ops.example.com" })).toBe(false);
    expect(isCrossSiteMutation({ ...base, origin: "not a url" })).toBe(true);
  });
});

describe("signInGate", () => {
  const limits = { maxFailures: 5, windowMinutes: 15 };
  const now = new Date("2026-01-01T12:00:00Z");
  it("allows attempts under the limit", () => {
    expect(signInGate({ forEmail: 4, forIp: 4, oldestInWindow: now }, limits, now)).toEqual({ allowed: true });
  });
  it("blocks at the per-email limit until the oldest failure leaves the window", () => {
    const oldest = new Date(now.getTime() - 10 * 60_000);
    expect(signInGate({ forEmail: 5, forIp: 5, oldestInWindow: oldest }, limits, now)).toEqual({ allowed: false, retryAfterSeconds: 300 });
  });
  it("blocks one address spraying many accounts at 3x the limit", () => {
    expect(signInGate({ forEmail: 0, forIp: 15, oldestInWindow: now }, limits, now).allowed).toBe(false);
    expect(signInGate({ forEmail: 0, forIp: 14, oldestInWindow: now }, limits, now).allowed).toBe(true);
  });
});

describe("passwords", () => {
  it("refuses short, repeated or email-derived passwords", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/repeated/);
    expect(passwordProblem("grace-hopper-2026!", "grace@example.com")).toMatch(/email/);
    expect(passwordProblem("correct horse battery staple", "grace@example.com")).toBeNull();
  });
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery staple")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});
