import { ScriptFailure } from "./types";

/** Removes secret values from text bound for logs, errors and outputs. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  return result;
}

export interface HttpCall {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** Values to keep out of any message this call produces. */
  secrets?: string[];
  /** Statuses that count as success; default 2xx. */
  expectStatus?: number[];
}

export interface HttpAnswer {
  status: number;
  body: string;
  json: unknown;
}

/**
 * One outbound call of a script: a timeout of its own on top of the job's abort signal, and a
 * ScriptFailure that says what happened (5xx, 429 and network errors retryable; other 4xx not)
 * with secrets redacted from the URL and the answer.
 */
export async function callHttp(call: HttpCall): Promise<HttpAnswer> {
  const secrets = call.secrets ?? [];
  const label = redact(`${call.method} ${new URL(call.url).origin}${new URL(call.url).pathname}`, secrets);
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.any([call.signal, AbortSignal.timeout(call.timeoutMs)]),
      redirect: "manual",
    });
  } catch (error) {
    if (call.signal.aborted) throw call.signal.reason instanceof Error ? call.signal.reason : new ScriptFailure(`${label} was aborted.`);
    const reason = error instanceof Error && error.name === "TimeoutError" ? `timed out after ${call.timeoutMs} ms` : `failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
    throw new ScriptFailure(redact(`${label} ${reason}`, secrets), true);
  }
  const body = await response.text().catch(() => "");
  const ok = call.expectStatus ? call.expectStatus.includes(response.status) : response.status >= 200 && response.status < 300;
  if (!ok) {
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new ScriptFailure(redact(`${label} answered ${response.status}${body ? `: ${body.slice(0, 300)}` : ""}`, secrets), retryable);
  }
  let json: unknown = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    json = null;
  }
  return { status: response.status, body, json };
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleepWithSignal(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
