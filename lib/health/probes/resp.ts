/**
 * Pure: the few pieces of RESP (the Redis protocol) a PING needs: commands as arrays of bulk
 * strings, and the replies AUTH and PING can get (simple string, error, integer, bulk string).
 * Spec: https://redis.io/docs/latest/develop/reference/protocol-spec/
 */

export function encodeCommand(...args: string[]): Buffer {
  return Buffer.concat([Buffer.from(`*${args.length}\r\n`), ...args.map((arg) => Buffer.from(`$${Buffer.byteLength(arg)}\r\n${arg}\r\n`))]);
}

export type RespReply = { type: "simple" | "error" | "integer"; value: string } | { type: "bulk"; value: string | null } | { type: "invalid"; value: string };

/** The complete replies at the start of `buffer`, and how many bytes they took. */
export function parseReplies(buffer: Buffer): { replies: RespReply[]; consumed: number } {
  const replies: RespReply[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const lineEnd = buffer.indexOf("\r\n", offset);
    const marker = String.fromCharCode(buffer[offset]!);
    if (!"+-:$".includes(marker)) {
      // Not a Redis server (an HTTP server answers "HTTP/1.1 400 ..."): say what came back.
      replies.push({ type: "invalid", value: buffer.subarray(offset, lineEnd < 0 ? Math.min(buffer.length, offset + 40) : Math.min(lineEnd, offset + 40)).toString("latin1") });
      return { replies, consumed: buffer.length };
    }
    if (lineEnd < 0) break;
    const line = buffer.subarray(offset + 1, lineEnd).toString("utf8");
    if (marker === "$") {
      const length = Number(line);
      if (length < 0) {
        replies.push({ type: "bulk", value: null });
        offset = lineEnd + 2;
        continue;
      }
      if (buffer.length < lineEnd + 2 + length + 2) break;
      replies.push({ type: "bulk", value: buffer.subarray(lineEnd + 2, lineEnd + 2 + length).toString("utf8") });
      offset = lineEnd + 2 + length + 2;
      continue;
    }
    replies.push({ type: marker === "+" ? "simple" : marker === "-" ? "error" : "integer", value: line });
    offset = lineEnd + 2;
  }
  return { replies, consumed: offset };
}
