// Starts `next start` (the production build) on a fresh PostgreSQL database, for the
// benchmarks and the reliability suite, and stops it after.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { applyPendingMigrations, pgConnection, withPgClient } from "@/lib/db";

export interface NextServer {
  baseUrl: string;
  databaseUrl: string;
  /** CPU time (user + system) the server process has used so far, in ms (Linux /proc). */
  cpuMs(): number;
  /** What the server printed, when started with `captureOutput`. */
  output(): string;
  /** SIGKILL: the process dies mid-request, as in a crash or an out-of-memory kill. */
  crash(): Promise<void>;
  /** Starts it again on the same port and database (after a crash or a stop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  await withPgClient(admin.toString(), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  await withPgClient(url.toString(), (client) => applyPendingMigrations(pgConnection(client)));
}

export async function startNextServer(options: { databaseUrl: string; port: number; env?: Record<string, string>; captureOutput?: boolean }): Promise<NextServer> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first.");
  await recreateDatabase(options.databaseUrl);

  const printed: string[] = [];
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess = await spawnServer(options, baseUrl, printed);
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, signal);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  };
  return {
    baseUrl,
    databaseUrl: options.databaseUrl,
    cpuMs: () => {
      // Fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    output: () => printed.join(""),
    crash: () => kill("SIGKILL"),
    restart: async () => {
      await kill("SIGTERM");
      child = await spawnServer(options, baseUrl, printed);
    },
    stop: () => kill("SIGTERM"),
  };
}

async function spawnServer(options: { databaseUrl: string; port: number; env?: Record<string, string>; captureOutput?: boolean }, baseUrl: string, printed: string[]): Promise<ChildProcess> {
  // `node …/next start` rather than `npx next start`, so the child is the server itself and
  // its CPU time can be read.
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", options.captureOutput ? "pipe" : "ignore", options.captureOutput ? "pipe" : "inherit"],
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => printed.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => printed.push(chunk.toString("utf8")));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${baseUrl}/api/health`).then((r) => r.ok).catch(() => false);
    if (up) return child;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The server did not start within 60 s.\n${printed.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
