import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

export class EmbeddedDatabaseBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (probably \`npm run dev\` or \`npm start\`). ` +
        `Only one process can open it at a time: stop that process, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock of its own, and two processes writing one data folder corrupt it.
 * An owner file with our pid makes a second process (a CLI while the dev server runs) fail
 * with an explanation instead. A stale file from a crashed process is taken over.
 */
async function claimOwnership(dataDir: string): Promise<() => Promise<void>> {
  const ownerFile = path.join(dataDir, "owner.json");
  const existing = await readFile(ownerFile, "utf8").catch(() => undefined);
  if (existing) {
    const pid = Number((JSON.parse(existing) as { pid?: unknown }).pid);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw new EmbeddedDatabaseBusyError(dataDir, pid);
  }
  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  return async () => {
    const current = await readFile(ownerFile, "utf8").catch(() => undefined);
    if (current && Number((JSON.parse(current) as { pid?: unknown }).pid) === process.pid) await rm(ownerFile, { force: true });
  };
}

export interface EmbeddedDatabase {
  pglite: PGlite;
  release(): Promise<void>;
}

/** Opens the embedded PostgreSQL (PGlite) kept in `<dataDir>/pglite`, or in memory for `memory://`. */
export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  if (dataDir.startsWith("memory://")) {
    const pglite = await PGlite.create();
    return { pglite, release: () => pglite.close() };
  }
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true });
  const releaseOwnership = await claimOwnership(root);
  try {
    const pglite = await PGlite.create(path.join(root, "pglite"));
    return {
      pglite,
      release: async () => {
        await pglite.close();
        await releaseOwnership();
      },
    };
  } catch (error) {
    await releaseOwnership();
    throw error;
  }
}
