import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseBusyError, openDatabase } from "@/lib/db";

const embedded = (dataDir: string) => ({ database: { kind: "embedded" as const, dataDir }, logSql: false });

describe("embedded database", () => {
  it("migrates itself on first open and keeps data across restarts", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "ops-embedded-"));
    const first = await openDatabase(embedded(dataDir));
    await first.db.user.create({ data: { email: "kept@example.com", passwordHash: "x", role: "admin" } });
    await first.close();

    const second = await openDatabase(embedded(dataDir));
    try {
      expect(await second.db.user.findMany({ select: { email: true } })).toEqual([{ email: "kept@example.com" }]);
    } finally {
      await second.close();
    }
  });

  it("refuses to open a data folder another live process owns, and says which", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "ops-embedded-"));
    // pid 1 is always alive; it stands in for a running `npm run dev`.
    await writeFile(path.join(dataDir, "owner.json"), JSON.stringify({ pid: 1 }));
    const opening = openDatabase(embedded(dataDir));
    await expect(opening).rejects.toThrow(EmbeddedDatabaseBusyError);
    await expect(opening).rejects.toThrow(/in use by process 1/);
  });

  it("takes over the owner file a crashed process left behind", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "ops-embedded-"));
    await writeFile(path.join(dataDir, "owner.json"), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const opened = await openDatabase(embedded(dataDir));
    try {
      const owner = JSON.parse(await readFile(path.join(dataDir, "owner.json"), "utf8")) as { pid: number };
      expect(owner.pid).toBe(process.pid);
    } finally {
      await opened.close();
    }
  });
});
