import { z } from "zod";
import type { AppConfig } from "@/lib/config";
import type { Tier } from "./model";
import { BUILT_IN_SCRIPTS, type ScriptRegistry } from "./scripts";

/** A script as the UI and API describe it: enough to build its args form and explain it. */
export interface ScriptInfo {
  name: string;
  title: string;
  description: string;
  allowedTiers: Tier[];
  defaultTimeoutSeconds: number;
  defaultMaxAttempts: number;
  demo: boolean;
  needsIssue: boolean;
  usesCallback: boolean;
  configured: { ok: boolean; reason: string | null };
  /** JSON Schema of the args (zod's own conversion), as plain JSON. */
  argsSchema: unknown;
}

export function scriptCatalog(config: AppConfig, scripts: ScriptRegistry = BUILT_IN_SCRIPTS): ScriptInfo[] {
  return [...scripts.values()].map((script) => {
    const configured = script.configured(config);
    return {
      name: script.name,
      title: script.title,
      description: script.description,
      allowedTiers: script.allowedTiers,
      defaultTimeoutSeconds: script.defaultTimeoutSeconds,
      defaultMaxAttempts: script.defaultMaxAttempts,
      demo: script.demo ?? false,
      needsIssue: script.needsIssue ?? false,
      usesCallback: script.usesCallback ?? false,
      configured: { ok: configured.ok, reason: configured.ok ? null : configured.reason },
      argsSchema: argsJsonSchema(script.argsSchema),
    };
  });
}

/**
 * zod 4 hangs a hidden `~standard` object of functions (Standard Schema) on the schema it
 * returns; React refuses such a prop from a server page ("Only plain objects can be passed to
 * Client Components"). A JSON round trip keeps exactly the JSON Schema.
 */
function argsJsonSchema(schema: z.ZodType): unknown {
  return JSON.parse(JSON.stringify(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })));
}
