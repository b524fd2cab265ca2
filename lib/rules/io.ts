import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { ValidationFailed } from "@/lib/errors";
import type { ScriptRegistry } from "@/lib/jobs";
import { createRule, deleteRule, loadActiveRules, ruleSnapshot } from "./store";
import { validateRule } from "./validate";

export const EXPORT_FORMAT = "self-healing-ops/rules@1";

export interface RulesExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  rules: ReturnType<typeof ruleSnapshot>[];
}

export async function exportRules(now: Date = new Date()): Promise<RulesExport> {
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), rules: (await loadActiveRules()).map(ruleSnapshot) };
}

export const importInput = z.object({
  format: z.literal(EXPORT_FORMAT, { message: `must be "${EXPORT_FORMAT}" (a file made by Export)` }),
  rules: z.array(z.unknown()).max(1000),
  /** Replace every current rule instead of adding to them. */
  replace: z.boolean().default(false),
});

/**
 * Imports rules from an export, all or nothing: every rule is validated first and the first
 * problem is named with its place (`rules.2.action.script`); nothing is written unless all pass.
 */
export async function importRules(raw: z.input<typeof importInput>, actor: Actor, scripts?: ScriptRegistry): Promise<{ imported: number; replaced: number }> {
  const input = importInput.parse(raw);
  const valid = input.rules.map((rule, index) => {
    try {
      return validateRule(rule, scripts);
    } catch (error) {
      if (error instanceof ValidationFailed) {
        const field = `rules.${index}${error.details.field ? `.${error.details.field}` : ""}`;
        throw new ValidationFailed(`rules.${index} (${(rule as { name?: string })?.name ?? "unnamed"}): ${error.message}`, field);
      }
      throw error;
    }
  });
  const existing = input.replace ? await loadActiveRules() : [];
  for (const rule of existing) await deleteRule(rule.id, actor);
  for (const rule of valid) await createRule(rule, actor, scripts);
  await recordAudit(await getDb(), { actor, action: "rule.imported", summary: `${valid.length} rule(s) imported${input.replace ? `, replacing ${existing.length}` : ""}` });
  return { imported: valid.length, replaced: existing.length };
}
