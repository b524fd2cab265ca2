import { ValidationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { BUILT_IN_SCRIPTS, type ScriptRegistry } from "@/lib/jobs";
import { compilePattern, InvalidPattern } from "./conditions";
import { ruleInput, type RuleDraft } from "./model";
import { argPlaceholders, sampleArgs } from "./placeholders";
import { isKnownPlaceholder } from "./subject";

export type ValidRule = RuleDraft & { requiresApproval: boolean };

/**
 * Checks a rule before it is saved (or imported, or previewed) and names the first wrong
 * field: its shape, every regex (RE2 syntax), the script and tier, every placeholder in the
 * args, and the args against the script's schema with placeholders filled by samples.
 * Production rules require approval unless the admin says otherwise.
 */
export function validateRule(raw: unknown, scripts: ScriptRegistry = BUILT_IN_SCRIPTS): ValidRule {
  const draft = parseInput(ruleInput, raw);
  draft.conditions.groups.forEach((group, g) =>
    group.conditions.forEach((condition, i) => {
      if (condition.operator !== "matches") return;
      try {
        compilePattern(String(condition.value));
      } catch (error) {
        if (error instanceof InvalidPattern) throw new ValidationFailed(`conditions.groups.${g}.conditions.${i}.value ${error.message}`, `conditions.groups.${g}.conditions.${i}.value`);
        throw error;
      }
    }),
  );

  const script = scripts.get(draft.action.script);
  if (!script) throw new ValidationFailed(`action.script "${draft.action.script}" does not exist; choose one of ${[...scripts.keys()].join(", ")}`, "action.script");
  if (!script.allowedTiers.includes(draft.action.tier)) {
    throw new ValidationFailed(`action.tier ${draft.action.tier} is not allowed for ${script.name} (allowed: ${script.allowedTiers.join(", ")})`, "action.tier");
  }
  if (draft.trigger === "metric_alert" && draft.action.resolveIssueOnSuccess) {
    throw new ValidationFailed("trigger metric_alert has no issue to resolve; turn off resolve in Sentry on success or choose an issue trigger", "action.resolveIssueOnSuccess");
  }
  if (draft.trigger === "metric_alert" && script.needsIssue) {
    throw new ValidationFailed(`trigger metric_alert has no issue, and ${script.name} acts on one; choose another script or trigger`, "trigger");
  }
  for (const { path, placeholder } of argPlaceholders(draft.action.args)) {
    const field = ["action", "args", ...path].join(".");
    const root = placeholder.split(".")[0];
    const wrongKind = draft.trigger === "metric_alert" ? root !== "alert" : root === "alert";
    if (!isKnownPlaceholder(placeholder) || wrongKind) {
      const available = draft.trigger === "metric_alert" ? "{{alert.title}}, {{alert.status}}, {{alert.projects}}, {{alert.id}}" : "{{issue.*}}, {{event.*}}, {{event.tags.<key>}}, {{issue.metadata.<key>}}";
      throw new ValidationFailed(`${field} uses {{${placeholder}}}, which a ${draft.trigger} rule cannot fill; use ${available}`, field);
    }
  }
  const args = script.argsSchema.safeParse(sampleArgs(draft.action.args));
  if (!args.success) {
    const issue = args.error.issues[0]!;
    const field = ["action", "args", ...issue.path.map(String)].join(".");
    throw new ValidationFailed(`${field} ${issue.message}`, field);
  }
  return { ...draft, requiresApproval: draft.requiresApproval ?? draft.action.tier === "prod" };
}
