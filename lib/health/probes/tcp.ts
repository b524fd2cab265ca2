import { connect } from "node:net";
import type { ProbeResult, TcpTarget } from "../model";
import { describeNetworkError, elapsedSince } from "./network-errors";

/** Opens a TCP connection and closes it at once: up when the port accepts. */
export function probeTcp(target: TcpTarget, signal: AbortSignal): Promise<ProbeResult> {
  const host = target.host.replace(/^\[(.*)\]$/, "$1");
  const where = `${host.includes(":") ? `[${host}]` : host}:${target.port}`;
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port: target.port });
    const finish = (result: ProbeResult) => {
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ ok: false, latencyMs: null, error: `no connection to ${where} in time` });
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => finish({ ok: true, latencyMs: elapsedSince(startedAt) }));
    socket.once("error", (error) => finish({ ok: false, latencyMs: null, error: describeNetworkError(error, where) }));
  });
}
