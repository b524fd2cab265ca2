import { connect, isIP, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import type { ProbeResult, RedisTarget } from "../model";
import { describeNetworkError, elapsedSince, endpointOf } from "./network-errors";
import { encodeCommand, parseReplies, type RespReply } from "./resp";

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

function describeReply(reply: RespReply | undefined): string {
  if (!reply) return "nothing";
  if (reply.type === "invalid") return `"${reply.value}", which is not Redis`;
  return reply.type === "error" ? reply.value : `"${reply.value}"`;
}

/**
 * PING over RESP (TLS for rediss://), sending AUTH first when the URL has credentials:
 * `redis://:password@host` authenticates the default user, `redis://user:password@host` an
 * ACL user (Redis 6+). AUTH and PING go out together; the replies come back in order.
 */
function probeResp(target: Extract<RedisTarget, { mode: "resp" }>, signal: AbortSignal): Promise<ProbeResult> {
  const url = new URL(target.url);
  const where = endpointOf(url, 6379);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(url.port || 6379);
  const password = decode(url.password);
  const user = decode(url.username);
  const commands = [...(password ? [user ? encodeCommand("AUTH", user, password) : encodeCommand("AUTH", password)] : []), encodeCommand("PING")];
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const socket: Socket =
      url.protocol === "rediss:" ? connectTls({ host, port, servername: isIP(host) ? undefined : host }) : connect({ host, port });
    let received = Buffer.alloc(0);
    const replies: RespReply[] = [];
    const finish = (result: ProbeResult) => {
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ ok: false, latencyMs: null, error: replies.length || received.length ? `${where} did not answer PING in time` : `no connection to ${where} in time` });
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once(url.protocol === "rediss:" ? "secureConnect" : "connect", () => socket.write(Buffer.concat(commands)));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseReplies(received);
      received = received.subarray(parsed.consumed);
      replies.push(...parsed.replies);
      if (replies.some((reply) => reply.type === "invalid")) return finish({ ok: false, latencyMs: null, error: `${where} answered ${describeReply(replies.find((reply) => reply.type === "invalid"))}` });
      if (password && replies[0]?.type === "error") return finish({ ok: false, latencyMs: null, error: `${where} refused AUTH: ${replies[0].value}` });
      if (replies.length < commands.length) return;
      const pong = replies[commands.length - 1];
      if (pong?.value === "PONG") return finish({ ok: true, latencyMs: elapsedSince(startedAt) });
      finish({ ok: false, latencyMs: elapsedSince(startedAt), error: `${where} answered PING with ${describeReply(pong)}` });
    });
    socket.once("error", (error) => finish({ ok: false, latencyMs: null, error: describeNetworkError(error, where) }));
    socket.once("close", () => finish({ ok: false, latencyMs: null, error: `${where} closed the connection before answering PING` }));
  });
}

/** Upstash's REST API: GET {url}/ping with the token as Bearer answers {"result":"PONG"}. */
async function probeUpstash(target: Extract<RedisTarget, { mode: "upstash" }>, signal: AbortSignal): Promise<ProbeResult> {
  const url = new URL(`${target.url.replace(/\/+$/, "")}/ping`);
  const where = endpointOf(url, url.protocol === "https:" ? 443 : 80);
  const startedAt = performance.now();
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${target.token}` }, signal, cache: "no-store", redirect: "manual" });
  } catch (error) {
    return { ok: false, latencyMs: null, error: describeNetworkError(error, where) };
  }
  const text = await response.text().catch(() => "");
  const latencyMs = elapsedSince(startedAt);
  if (response.status === 401 || response.status === 403) return { ok: false, latencyMs, error: `${where} answered ${response.status}: the token was refused` };
  if (response.status !== 200) return { ok: false, latencyMs, error: `${where} answered ${response.status}, expected 200 with {"result":"PONG"}` };
  let result: unknown;
  try {
    result = (JSON.parse(text) as { result?: unknown }).result;
  } catch {
    result = undefined;
  }
  if (result !== "PONG") return { ok: false, latencyMs, error: `${where} answered ${text.slice(0, 80) || "an empty body"}, expected {"result":"PONG"}` };
  return { ok: true, latencyMs };
}

export function probeRedis(target: RedisTarget, signal: AbortSignal): Promise<ProbeResult> {
  return target.mode === "resp" ? probeResp(target, signal) : probeUpstash(target, signal);
}
