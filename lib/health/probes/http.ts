import type { HttpTarget, ProbeResult } from "../model";
import { describeNetworkError, elapsedSince, endpointOf } from "./network-errors";

/** Enough of a body to find a marker in a health page; a probe never downloads a file. */
const MAX_BODY_BYTES = 1_000_000;

function statusExpected(target: HttpTarget, status: number): boolean {
  return target.expectedStatus.length > 0 ? target.expectedStatus.includes(status) : status >= 200 && status < 300;
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

/**
 * `https://user:password@host/` becomes Basic authentication, as curl does: fetch refuses
 * URLs with credentials. An Authorization header the admin set wins.
 */
function withoutCredentials(url: URL, headers: Record<string, string>): { url: URL; headers: Record<string, string> } {
  if (!url.username && !url.password) return { url, headers };
  const bare = new URL(url);
  bare.username = "";
  bare.password = "";
  if (Object.keys(headers).some((name) => name.toLowerCase() === "authorization")) return { url: bare, headers };
  return { url: bare, headers: { ...headers, Authorization: `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString("base64")}` } };
}

/**
 * GET or HEAD the URL and judge the answer: the status (listed, or any 2xx), the body marker,
 * then the latency threshold. Latency runs until the verdict: headers, plus the body when a
 * marker has to be found in it.
 */
export async function probeHttp(target: HttpTarget, signal: AbortSignal): Promise<ProbeResult> {
  const { url, headers } = withoutCredentials(new URL(target.url), target.headers);
  const where = endpointOf(url, url.protocol === "https:" ? 443 : 80);
  const startedAt = performance.now();
  let response: Response;
  try {
    response = await fetch(url, { method: target.method, headers, redirect: target.followRedirects ? "follow" : "manual", signal, cache: "no-store" });
  } catch (error) {
    return { ok: false, latencyMs: null, error: describeNetworkError(error, where) };
  }
  const marker = target.method === "GET" && target.bodyContains ? target.bodyContains : undefined;
  const body = marker ? await readCapped(response) : "";
  if (!marker) await response.body?.cancel().catch(() => {});
  const latencyMs = elapsedSince(startedAt);
  if (!statusExpected(target, response.status)) {
    const expected = target.expectedStatus.length > 0 ? target.expectedStatus.join(" or ") : "2xx";
    return { ok: false, latencyMs, error: `answered ${response.status}, expected ${expected}` };
  }
  if (marker && !body.includes(marker)) return { ok: false, latencyMs, error: `answered ${response.status}, but the body does not contain "${marker}"` };
  if (target.latencyThresholdMs !== undefined && latencyMs > target.latencyThresholdMs) {
    return { ok: false, latencyMs, error: `answered ${response.status} in ${latencyMs} ms, slower than the ${target.latencyThresholdMs} ms threshold` };
  }
  return { ok: true, latencyMs };
}
