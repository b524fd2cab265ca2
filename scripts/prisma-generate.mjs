// `prisma generate` does not need Prisma's Rust schema engine, but the CLI tries to download
// it first unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file. Pointing it at the
// running node binary keeps `npm install` working on machines without internet access;
// where the variable is already set (or the engine is present) we leave it alone.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
