import { describe, expect, it } from "vitest";
import { encodeCommand, parseReplies } from "./resp";

describe("RESP", () => {
  it("encodes a command as an array of bulk strings, lengths in bytes", () => {
    expect(encodeCommand("AUTH", "pässword").toString()).toBe("*2\r\n$4\r\nAUTH\r\n$9\r\npässword\r\n");
  });

  it("parses complete replies and leaves a partial one for the next chunk", () => {
    const { replies, consumed } = parseReplies(Buffer.from("+OK\r\n-WRONGPASS invalid username-password pair\r\n$4\r\nPONG\r\n:1\r\n$4\r\nPO"));
    expect(replies).toEqual([
      { type: "simple", value: "OK" },
      { type: "error", value: "WRONGPASS invalid username-password pair" },
      { type: "bulk", value: "PONG" },
      { type: "integer", value: "1" },
    ]);
    expect(consumed).toBe(Buffer.byteLength("+OK\r\n-WRONGPASS invalid username-password pair\r\n$4\r\nPONG\r\n:1\r\n"));
  });

  it("says so when the other side is not speaking RESP", () => {
    expect(parseReplies(Buffer.from("HTTP/1.1 400 Bad Request\r\n\r\n")).replies).toEqual([{ type: "invalid", value: "HTTP/1.1 400 Bad Request" }]);
  });
});
