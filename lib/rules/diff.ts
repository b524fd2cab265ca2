/** One changed value between two rule snapshots, at a dotted path. */
export interface RuleChange {
  path: string;
  before: unknown;
  after: unknown;
}

function flatten(value: unknown, path: string, into: Map<string, unknown>): void {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(path, {});
    for (const [key, item] of entries) flatten(item, path ? `${path}.${key}` : key, into);
    return;
  }
  if (Array.isArray(value) && value.some((item) => item && typeof item === "object")) {
    if (value.length === 0) into.set(path, []);
    value.forEach((item, index) => flatten(item, `${path}.${index}`, into));
    return;
  }
  into.set(path, value);
}

/**
 * Pure: what changed from one revision to the next, as dotted paths (`action.tier:
 * nonprod → prod`, `conditions.groups.0.conditions.1.value: …`), for the revision history.
 */
export function diffRules(before: unknown, after: unknown): RuleChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before ?? {}, "", a);
  flatten(after ?? {}, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((path) => JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path))).map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}

export function describeChange(change: RuleChange): string {
  const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));
  return `${change.path}: ${show(change.before)} → ${show(change.after)}`;
}
