import path from "node:path";
import { readJsonFiles } from "./json-fixtures";

/**
 * The repository's own cron check-in items, in the shape Relay accepts (`valid-*`) or refuses
 * (`invalid-*`: an empty slug, an environment over 64 characters).
 */
export const CHECK_IN_FIXTURES_DIR = path.resolve(import.meta.dirname, "..", "fixtures", "sentry", "checkins");

export interface CheckInFixture {
  name: string;
  /** Whether Sentry accepts it, from the file name. */
  valid: boolean;
  body: Record<string, unknown>;
}

/** Every check-in item in `dir` (the repository's by default). */
export function loadCheckInFixtures(dir = CHECK_IN_FIXTURES_DIR): CheckInFixture[] {
  return readJsonFiles(dir).map(({ name, body }) => ({ name, valid: name.startsWith("valid-"), body }));
}

export function checkInFixture(name: string): Record<string, unknown> {
  const found = loadCheckInFixtures().find((item) => item.name === name);
  if (!found) throw new Error(`No check-in fixture ${name} in ${CHECK_IN_FIXTURES_DIR}`);
  return found.body;
}
