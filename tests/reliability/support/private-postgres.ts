// A PostgreSQL server of the suite's own, in a temporary folder on a free port, so the suite
// can restart or crash it without disturbing the machine's shared server.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PrivatePostgres {
  /** postgres://… for a database name on this server. */
  url(database: string): string;
  /** "fast" ends sessions cleanly (administrator shutdown); "immediate" is a crash: WAL replay on start. */
  restart(mode: "fast" | "immediate", downMs?: number): Promise<void>;
  stop(): void;
}

function postgresBinDir(): string {
  const fromPath = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (fromPath.status === 0 && existsSync(path.join(fromPath.stdout.trim(), "initdb"))) return fromPath.stdout.trim();
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(path.join(root, version, "bin", "initdb"))) return path.join(root, version, "bin");
  throw new Error("The reliability suite needs PostgreSQL's server programs (initdb, pg_ctl): install the postgresql package.");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const root = mkdtempSync(path.join(tmpdir(), "ops-reliability-pg-"));
  const dataDir = path.join(root, "data");
  // PostgreSQL refuses to run as root; as root, the server runs as the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(root, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), Number(execFileSync("id", ["-g", "postgres"]).toString().trim()));
  const run = (program: string, args: string[]) => {
    const [command, fullArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];
    const result = spawnSync(command, fullArgs, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  };
  const port = await freePort();
  run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const start = () => run("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(root, "log"), "-w", "start"]);
  start();
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async (mode, downMs = 1_000) => {
      run("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "stop"]);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      start();
    },
    stop: () => {
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
