import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedHttpRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  json: unknown;
}

export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeHttpServer {
  url: string;
  requests: RecordedHttpRequest[];
  /** Answers the next requests (in order) with these, then falls back to the default handler. */
  queue(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback standing in for an outside service (GitHub, a deploy hook,
 * an LLM, an internal restart endpoint). It records every request and answers with queued
 * answers first, then with `handle`.
 */
export async function startFakeHttp(handle: (request: RecordedHttpRequest) => FakeAnswer = () => ({ status: 200, body: { ok: true } })): Promise<FakeHttpServer> {
  const requests: RecordedHttpRequest[] = [];
  const queued: FakeAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = body ? JSON.parse(body) : null;
      } catch {
        json = null;
      }
      const recorded = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body, json };
      requests.push(recorded);
      const answer = queued.shift() ?? handle(recorded);
      const send = () => {
        const payload = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, { "content-type": typeof answer.body === "string" ? "text/plain" : "application/json", ...answer.headers });
        res.end(payload);
      };
      if (answer.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, answer.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (...answers) => queued.push(...answers),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
