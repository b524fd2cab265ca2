import { parseConfig, type AppConfig } from "./schema";

export { ConfigError, parseConfig, environmentSchema, readRemediationSecret, type AppConfig } from "./schema";

let cached: AppConfig | undefined;

/** The process's configuration, parsed from the environment once. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests and CLIs that change the environment call this so the next getConfig() re-reads it. */
export function resetConfigForTests(): void {
  cached = undefined;
}
