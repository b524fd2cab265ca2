import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface DiscoveredRoute {
  /** "GET /api/users/[id]" or "PAGE /settings" */
  key: string;
  method: string;
  pattern: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Pure-ish: every route and page under app/, read from the file system as Next does. */
export function discoverRoutes(appDir = path.join(process.cwd(), "app")): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const file of walk(appDir)) {
    const relative = path.relative(appDir, file).split(path.sep);
    const name = relative.pop()!;
    const segments = relative.filter((segment) => !/^\(.*\)$/.test(segment));
    const pattern = "/" + segments.join("/");
    if (/^route\.(ts|tsx)$/.test(name)) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) {
        routes.push({ key: `${match[1]} ${pattern}`, method: match[1]!, pattern });
      }
    } else if (/^page\.(ts|tsx)$/.test(name)) {
      routes.push({ key: `PAGE ${pattern}`, method: "GET", pattern });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Fills dynamic segments with an id that exists nowhere, so no real row is touched. */
export function concretePath(pattern: string): string {
  return pattern.replace(/\[[^\]]+\]/g, "00000000-0000-7000-8000-000000000000");
}
