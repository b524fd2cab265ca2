import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface JsonFile {
  name: string;
  /** The file's text, as written. */
  text: string;
  body: Record<string, unknown>;
}

/** Every `.json` file in `dir`, by name. */
export function readJsonFiles(dir: string): JsonFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), "utf8");
      return { name, text, body: JSON.parse(text) as Record<string, unknown> };
    });
}
