import { getDb } from "./index";

export interface DatabasePing {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export async function pingDatabase(now: () => number = () => performance.now()): Promise<DatabasePing> {
  const started = now();
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return { ok: true, latencyMs: Math.round(now() - started) };
  } catch (error) {
    // The reason is for operators; it never includes the connection string.
    const reason = error instanceof Error ? error.name : "unknown error";
    return { ok: false, latencyMs: Math.round(now() - started), error: reason };
  }
}
