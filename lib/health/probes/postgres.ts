import pg from "pg";
import type { PostgresTarget, ProbeResult } from "../model";
import { describeNetworkError, elapsedSince, endpointOf } from "./network-errors";

/**
 * Connects with its own client (never the app's pool: a probe of the app's own database
 * must not queue behind, or starve, the app's queries) and runs `select 1`.
 */
export async function probePostgres(target: PostgresTarget, signal: AbortSignal, timeoutMs: number): Promise<ProbeResult> {
  const url = new URL(target.url);
  const where = endpointOf(url, 5432);
  const startedAt = performance.now();
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, statement_timeout: timeoutMs, application_name: "ops-health-check" });
  // After a failure pg may still emit `error` on the client; unheard, it would crash the process.
  client.on("error", () => {});
  const onAbort = () => void client.end().catch(() => {});
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await client.connect();
    await client.query("select 1");
    return { ok: true, latencyMs: elapsedSince(startedAt) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // SQLSTATEs are five characters (28P01: bad password, 3D000: no such database); the message says which.
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { ok: false, latencyMs: null, error: `${where}: ${(error as Error).message} (SQLSTATE ${code})` };
    return { ok: false, latencyMs: null, error: describeNetworkError(error, where) };
  } finally {
    signal.removeEventListener("abort", onAbort);
    // Not awaited: a goodbye to a server that stopped answering must not hold the verdict.
    void client.end().catch(() => {});
  }
}
