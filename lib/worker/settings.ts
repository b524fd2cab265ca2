import { readFileSync } from "node:fs";
import path from "node:path";
import type { AppConfig } from "@/lib/config";
import type { Clock, QueueSettings } from "@/lib/jobs";

export function queueSettingsFrom(config: AppConfig, clock?: Clock): QueueSettings {
  return {
    limits: { maxRunning: config.jobs.maxRunning, maxRunningPerNamespace: config.jobs.maxRunningPerNamespace },
    leaseSeconds: config.jobs.leaseSeconds,
    logMaxBytes: config.jobs.logMaxBytes,
    clock,
  };
}

let version: string | undefined;

/** The app's version as workers report it: package.json's, plus the deployed commit when Vercel says. */
export function appVersion(): string {
  if (!version) {
    let base = "unknown";
    try {
      base = (JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version?: string }).version ?? base;
    } catch {
      // Not run from the project folder: the version stays unknown.
    }
    const commit = process.env.VERCEL_GIT_COMMIT_SHA?.slice(0, 7);
    version = commit ? `${base}+${commit}` : base;
  }
  return version;
}
