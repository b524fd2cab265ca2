import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

export interface DevServer {
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `npm run dev` the way a newcomer does — embedded database, in-process worker — on
 * its own port and its own fresh data folder, and waits until it answers /api/health (which
 * includes the first compile). Its output is kept for assertions.
 */
export async function startDevServer(options: { port: number; dataDir: string; env?: Record<string, string> }): Promise<DevServer> {
  const dataDir = path.resolve(options.dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, ...options.env };
  delete env.DATABASE_URL; // the embedded database
  // Its own process group, so stopping it also stops next-server and Turbopack's workers.
  const child = spawn("npm", ["run", "dev", "--", "-p", String(options.port), "-H", "127.0.0.1"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const url = `http://127.0.0.1:${options.port}`;
  const server: DevServer = { url, output: () => output, stop: () => stopGroup(child) };
  try {
    await waitForHealth(url, child, () => output, 5 * 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(120_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`npm run dev did not answer /api/health within ${timeoutMs / 1000} s:\n${output()}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const forced = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(forced);
}
