import type { KindTarget, ProbeResult } from "../model";
import { resolveSecrets, scrubSecrets } from "../secrets";
import { probeHttp } from "./http";
import { probePostgres } from "./postgres";
import { probeRedis } from "./redis";
import { probeTcp } from "./tcp";

/** Long enough for any reason a probe gives; a sample is not a log. */
const MAX_ERROR_LENGTH = 500;

export interface ProbeDeps {
  /** Reads `{{secret.NAME}}` (lib/config's readRemediationSecret in the app). */
  readSecret: (name: string) => string | undefined;
}

function dispatch(check: KindTarget, signal: AbortSignal, timeoutMs: number): Promise<ProbeResult> {
  switch (check.kind) {
    case "http":
      return probeHttp(check.target, signal);
    case "tcp":
      return probeTcp(check.target, signal);
    case "redis":
      return probeRedis(check.target, signal);
    case "postgres":
      return probePostgres(check.target, signal, timeoutMs);
  }
}

/**
 * Probes a check once. It always settles within `timeoutMs` (a timer races the probe, which
 * is also told to abort and close its socket) and never throws: anything that goes wrong is
 * `ok: false` with a reason, scrubbed of every secret value the target involves.
 */
export async function runProbe(check: KindTarget & { timeoutMs: number }, deps: ProbeDeps): Promise<ProbeResult> {
  const resolved = resolveSecrets(check, deps.readSecret);
  if (!resolved.ok) return { ok: false, latencyMs: null, error: resolved.error };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => {
      // Resolved before the abort, whose listeners settle the probe with a vaguer reason.
      resolve({ ok: false, latencyMs: null, error: `no answer within ${check.timeoutMs} ms (timeout)` });
      controller.abort();
    }, check.timeoutMs);
  });
  const probed = (async () => dispatch(resolved.check, controller.signal, check.timeoutMs))().catch(
    (error: unknown): ProbeResult => ({ ok: false, latencyMs: null, error: error instanceof Error ? error.message : String(error) }),
  );
  try {
    const result = await Promise.race([probed, timedOut]);
    if (result.ok) return { ok: true, latencyMs: result.latencyMs };
    return { ok: false, latencyMs: result.latencyMs, error: scrubSecrets(result.error ?? "failed", resolved.secrets).slice(0, MAX_ERROR_LENGTH) };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
