import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export interface EnvelopeItem {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export interface FakeSentryDsn {
  dsn: string;
  /** Every item of every envelope received, in order. */
  items: EnvelopeItem[];
  close(): Promise<void>;
}

/**
 * A local stand-in for Sentry's ingestion: the SDK pointed at `dsn` POSTs real envelopes to
 * `/api/1/envelope/`, which are parsed (newline-delimited header + items) and kept.
 */
export async function startFakeSentryDsn(): Promise<FakeSentryDsn> {
  const items: EnvelopeItem[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      const lines = body.toString("utf8").split("\n");
      // Line 0 is the envelope header; then each item is a header line and a payload line.
      for (let i = 1; i + 1 < lines.length; i += 2) {
        if (!lines[i]) continue;
        try {
          items.push({ header: JSON.parse(lines[i]!), payload: JSON.parse(lines[i + 1]!) });
        } catch {
          // An item this parser does not read (attachments) is skipped.
        }
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    items,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
