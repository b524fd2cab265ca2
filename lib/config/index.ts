import { parseConfig, type AppConfig } from "./schema";

export { ConfigError, parseConfig, environmentSchema, readRemediationSecret, readAlertSecret, type AppConfig } from "./schema";

/** Without APP_URL (no request to learn the host from, in a worker), links point at a local dev server. */
export function appBaseUrl(config: AppConfig): string {
  return config.appUrl ?? "http://localhost:3000";
}

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
