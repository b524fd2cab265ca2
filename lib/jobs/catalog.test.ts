import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { scriptCatalog } from "./catalog";

/**
 * Where a value is not plain JSON, as React's server-to-client serialisation sees it: a
 * prototype other than Object's or Array's, a hidden (non-enumerable) or symbol key, an
 * accessor, a function. React refuses such props with "Only plain objects can be passed to
 * Client Components from Server Components".
 */
function notPlainJson(value: unknown, path: string): string[] {
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") return [`${path} is a ${typeof value}`];
  if (value === null || typeof value !== "object") return [];
  const prototype = Object.getPrototypeOf(value);
  const problems: string[] = [];
  if (prototype !== (Array.isArray(value) ? Array.prototype : Object.prototype)) problems.push(`${path} has a non-plain prototype`);
  if (Object.getOwnPropertySymbols(value).length > 0) problems.push(`${path} has symbol keys`);
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (Array.isArray(value) && key === "length") continue;
    if (!descriptor.enumerable) problems.push(`${path}.${key} is hidden (non-enumerable)`);
    if (descriptor.get || descriptor.set) problems.push(`${path}.${key} is an accessor`);
    else problems.push(...notPlainJson(descriptor.value, `${path}.${key}`));
  }
  return problems;
}

describe("script catalog", () => {
  const catalog = scriptCatalog(parseConfig({}));

  it("describes every script's args as plain JSON, which pages can hand to client components", () => {
    expect(catalog.length).toBeGreaterThan(0);
    for (const script of catalog) {
      expect(notPlainJson(script.argsSchema, script.name)).toEqual([]);
      expect(JSON.parse(JSON.stringify(script.argsSchema))).toEqual(script.argsSchema);
    }
    expect(catalog.flatMap((script) => notPlainJson(script, script.name))).toEqual([]);
  });

  it("still gives each script's args as a JSON Schema object", () => {
    const sleep = catalog.find((script) => script.name === "sleep")!;
    expect(sleep.argsSchema).toMatchObject({ type: "object", properties: { seconds: { type: "number", default: 5 } } });
  });
});
