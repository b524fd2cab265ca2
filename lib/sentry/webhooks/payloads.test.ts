import { describe, expect, it } from "vitest";
import { contentHash, parseWebhook, webhookContentKey, webhookEntityId } from "./payloads";

describe("parseWebhook", () => {
  it("names the first wrong field with its path", () => {
    const result = parseWebhook("comment", { action: "created", data: { comment_id: 1, issue_id: true } });
    expect(result).toEqual({ ok: false, field: "data.issue_id", message: expect.stringContaining("data.issue_id") });
  });
  it("says `is required` for a missing field", () => {
    const result = parseWebhook("issue", { action: "created", data: {} });
    expect(result.ok === false && result.message).toBe("data.issue is required");
  });
  it("accepts unknown resources with a valid envelope as `other`", () => {
    const result = parseWebhook("seer", { action: "root_cause_started", data: { run_id: 1 } });
    expect(result.ok && result.webhook.resource).toBe("other");
  });
  it("finds the entity id of each resource", () => {
    const result = parseWebhook("comment", { action: "created", data: { comment_id: 7, issue_id: 100 } });
    expect(result.ok && webhookEntityId(result.webhook)).toBe("7");
  });
});

describe("content keys", () => {
  it("are the same for the same content however it is formatted", () => {
    expect(contentHash({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(contentHash(JSON.parse('{"a":[1,{"c":3,"d":2}],"b":1}')));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
  it("combine resource, action, entity and body hash", () => {
    expect(webhookContentKey("issue", "resolved", "42", "abc")).toBe("issue:resolved:42:abc");
  });
});
