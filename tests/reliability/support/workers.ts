// Standalone workers (`npm run worker`, real processes) against the suite's database, with
// their output kept for the secret scan.
import { spawn, type ChildProcess } from "node:child_process";
import type { ReliabilityApp } from "./app";

/** Starts one `npm run worker` process; its output joins `app.otherLogs`. */
export function spawnWorker(app: ReliabilityApp, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: app.databaseUrl, SENTRY_DSN: app.dsn.dsn, SENTRY_ENVIRONMENT: "reliability", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  app.otherLogs.push("");
  const slot = app.otherLogs.length - 1;
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString("utf8"));
    app.otherLogs[slot] = log.join("");
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

/** Ends a worker: SIGKILL for a crash, SIGTERM for a clean stop; resolves when it has exited. */
export function endWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  return exited;
}
