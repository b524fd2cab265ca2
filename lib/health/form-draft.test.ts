import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/http";
import { bodyFromDraft, draftFromCheck, NEW_CHECK_DRAFT } from "./form-draft";
import { healthCheckInput } from "./model";

describe("health check form draft", () => {
  it("turns a filled-in HTTP draft into a body the API accepts", () => {
    const body = bodyFromDraft({
      ...NEW_CHECK_DRAFT,
      name: "API",
      http: { ...NEW_CHECK_DRAFT.http, url: " https://api.example.com/health ", expectedStatus: "200, 204", bodyContains: "ok", latencyThresholdMs: "800", headers: [{ name: "Authorization", value: "Bearer {{secret.API}}" }, { name: " ", value: "ignored" }] },
    });
    expect(parseInput(healthCheckInput, body)).toMatchObject({
      intervalSeconds: 60,
      timeoutMs: 5000,
      target: { url: "https://api.example.com/health", expectedStatus: [200, 204], bodyContains: "ok", latencyThresholdMs: 800, headers: { Authorization: "Bearer {{secret.API}}" } },
    });
  });

  it("sends text that is not a number as typed, so the server names the field", () => {
    expect(bodyFromDraft({ ...NEW_CHECK_DRAFT, kind: "tcp", timeoutMs: "soon", tcp: { host: "db", port: "5432x" } })).toMatchObject({ timeoutMs: "soon", target: { port: "5432x" } });
  });

  it("round-trips a stored check's redacted view, so an unchanged save sends *** back", () => {
    const view = { name: "Cache", kind: "redis" as const, intervalSeconds: 300, timeoutMs: 2000, enabled: false, target: { mode: "upstash" as const, url: "https://eu1.upstash.io", token: "***" } };
    expect(bodyFromDraft(draftFromCheck(view))).toEqual({ ...view, target: { mode: "upstash", url: "https://eu1.upstash.io", token: "***" } });
  });
});
