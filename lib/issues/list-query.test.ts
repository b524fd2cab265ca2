import { describe, expect, it } from "vitest";
import { decodeIssueCursor, encodeIssueCursor, issueListQuery } from "./list-query";

describe("issue cursors", () => {
  it("round-trip every sort's key", () => {
    for (const cursor of [
      { sort: "lastSeen", order: "desc", value: "2025-11-10T20:56:00.738Z", id: "a" },
      { sort: "firstSeen", order: "asc", value: null, id: "b" },
      { sort: "count", order: "desc", value: "18446744073709551615", id: "c" },
      { sort: "userCount", order: "asc", value: 3, id: "d" },
    ] as const) {
      expect(decodeIssueCursor(encodeIssueCursor(cursor))).toEqual(cursor);
    }
  });

  it("reject tampered or foreign cursors", () => {
    expect(decodeIssueCursor("not-base64-json")).toBeNull();
    expect(decodeIssueCursor(Buffer.from(JSON.stringify(["count", "desc", 5, "x"])).toString("base64url"))).toBeNull();
    expect(decodeIssueCursor(Buffer.from(JSON.stringify(["lastSeen", "desc", "yesterday", "x"])).toString("base64url"))).toBeNull();
    expect(decodeIssueCursor(Buffer.from(JSON.stringify(["title", "desc", "a", "x"])).toString("base64url"))).toBeNull();
  });
});

describe("issueListQuery", () => {
  it("defaults to the most recently seen first, 50 a page, and ignores empty parameters", () => {
    expect(issueListQuery.parse({ status: "", q: "  " })).toEqual({ sort: "lastSeen", order: "desc", limit: 50, cursor: undefined });
  });

  it("names the field of a bad value", () => {
    for (const [raw, field] of [
      [{ level: "catastrophic" }, "level"],
      [{ status: "open" }, "status"],
      [{ sort: "title" }, "sort"],
      [{ order: "up" }, "order"],
      [{ limit: "500" }, "limit"],
      [{ limit: "ten" }, "limit"],
      [{ cursor: "garbage" }, "cursor"],
    ] as const) {
      const result = issueListQuery.safeParse(raw);
      expect(result.success, JSON.stringify(raw)).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual([field]);
    }
  });

  it("refuses a cursor made for another ordering", () => {
    const cursor = encodeIssueCursor({ sort: "count", order: "desc", value: "4", id: "x" });
    expect(issueListQuery.safeParse({ sort: "count", cursor }).success).toBe(true);
    const other = issueListQuery.safeParse({ sort: "lastSeen", cursor });
    expect(other.error!.issues[0]).toMatchObject({ path: ["cursor"] });
  });
});
