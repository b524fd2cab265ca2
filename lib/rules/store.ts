import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth";
import { getDb, type Prisma, type RemediationRule } from "@/lib/db";
import { Conflict, NotFound, ValidationFailed } from "@/lib/errors";
import type { ScriptRegistry } from "@/lib/jobs";
import { describeChange, diffRules } from "./diff";
import { actionSchema, conditionsSchema, safetySchema, type Rule, type RuleDraft } from "./model";
import { validateRule, type ValidRule } from "./validate";

const ACTIVE = { deletedAt: null } as const;

/** A stored row as the engine uses it; JSON columns go through their schemas. */
export function ruleFromRow(row: RemediationRule): Rule {
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? "",
    enabled: row.enabled,
    position: row.position,
    trigger: row.trigger,
    conditions: conditionsSchema.parse(row.conditions),
    action: actionSchema.parse(row.action),
    safety: safetySchema.parse(row.safety),
    stopAfterMatch: row.stopAfterMatch,
    dryRun: row.dryRun,
    requiresApproval: row.requiresApproval,
    revision: row.revision,
  };
}

/** The editable content of a rule: what a revision stores and export writes. */
export function ruleSnapshot(rule: ValidRule | Rule): RuleDraft & { requiresApproval: boolean } {
  return {
    name: rule.name,
    description: rule.description,
    enabled: rule.enabled,
    trigger: rule.trigger,
    conditions: rule.conditions,
    action: rule.action,
    safety: rule.safety,
    stopAfterMatch: rule.stopAfterMatch,
    dryRun: rule.dryRun,
    requiresApproval: rule.requiresApproval,
  };
}

function columns(rule: ValidRule) {
  return {
    name: rule.name,
    description: rule.description || null,
    enabled: rule.enabled,
    trigger: rule.trigger,
    conditions: rule.conditions as Prisma.InputJsonValue,
    action: rule.action as Prisma.InputJsonValue,
    safety: rule.safety as Prisma.InputJsonValue,
    stopAfterMatch: rule.stopAfterMatch,
    dryRun: rule.dryRun,
    requiresApproval: rule.requiresApproval,
  };
}

// Rules change rarely and are read on every issue change: engine.ts caches them, and every
// write here bumps this counter so this process sees its own writes at once. On globalThis:
// Next loads the engine (instrumentation) and the route that saves a rule as separate module
// instances, which would otherwise each count on their own.
const version: { local: number } = ((globalThis as { __opsRulesVersion?: { local: number } }).__opsRulesVersion ??= { local: 0 });
export function rulesVersion(): number {
  return version.local;
}

async function loadActive(id: string) {
  const db = await getDb();
  const row = await db.remediationRule.findFirst({ where: { id, ...ACTIVE } });
  if (!row) throw new NotFound("Rule");
  return row;
}

export async function createRule(raw: unknown, actor: Actor, scripts?: ScriptRegistry): Promise<Rule> {
  const valid = validateRule(raw, scripts);
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    const last = await tx.remediationRule.aggregate({ where: ACTIVE, _max: { position: true } });
    const created = await tx.remediationRule.create({ data: { ...columns(valid), position: (last._max.position ?? 0) + 1, revision: 1 } });
    await tx.remediationRuleRevision.create({ data: { ruleId: created.id, revision: 1, snapshot: ruleSnapshot(valid) as Prisma.InputJsonValue, note: "Created", authorId: actor.type === "user" ? actor.id : null } });
    await recordAudit(tx, { actor, action: "rule.created", target: { type: "rule", id: created.id }, summary: `Rule “${valid.name}” created`, after: ruleSnapshot(valid) });
    return created;
  });
  version.local += 1;
  return ruleFromRow(row);
}

/**
 * Saves a new revision of a rule (a no-op when nothing changed). `expectedRevision` guards
 * against two admins overwriting each other: a stale editor gets 409.
 */
export async function updateRule(id: string, raw: unknown, actor: Actor, options: { note?: string; expectedRevision?: number; scripts?: ScriptRegistry } = {}): Promise<Rule> {
  const valid = validateRule(raw, options.scripts);
  const current = await loadActive(id);
  if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) {
    throw new Conflict(`This rule was changed by someone else (now revision ${current.revision}, you edited ${options.expectedRevision}); reload it and apply your change again.`);
  }
  const before = ruleSnapshot(ruleFromRow(current));
  const after = ruleSnapshot(valid);
  const changes = diffRules(before, after);
  if (changes.length === 0) return ruleFromRow(current);
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.remediationRule.update({ where: { id, revision: current.revision }, data: { ...columns(valid), revision: current.revision + 1 } }).catch(() => {
      throw new Conflict("This rule was changed at the same moment; reload it and try again.");
    });
    await tx.remediationRuleRevision.create({
      data: { ruleId: id, revision: updated.revision, snapshot: after as Prisma.InputJsonValue, note: options.note ?? null, authorId: actor.type === "user" ? actor.id : null },
    });
    await recordAudit(tx, {
      actor,
      action: "rule.updated",
      target: { type: "rule", id },
      summary: `Rule “${valid.name}” revision ${updated.revision}: ${changes.slice(0, 5).map(describeChange).join("; ")}${changes.length > 5 ? ` (+${changes.length - 5} more)` : ""}`,
      before,
      after,
    });
    return updated;
  });
  version.local += 1;
  return ruleFromRow(row);
}

/** Turning a rule on or off is an operator's call; it is a revision like any other change. */
export async function setRuleEnabled(id: string, enabled: boolean, actor: Actor): Promise<Rule> {
  const current = ruleFromRow(await loadActive(id));
  return updateRule(id, { ...ruleSnapshot(current), enabled }, actor, { note: enabled ? "Enabled" : "Disabled" });
}

export async function rollbackRule(id: string, revision: number, actor: Actor): Promise<Rule> {
  const db = await getDb();
  const target = await db.remediationRuleRevision.findUnique({ where: { ruleId_revision: { ruleId: id, revision } } });
  if (!target) throw new NotFound(`Revision ${revision} of this rule`);
  try {
    return await updateRule(id, target.snapshot, actor, { note: `Rolled back to revision ${revision}` });
  } catch (error) {
    if (error instanceof ValidationFailed) throw new Conflict(`Revision ${revision} is no longer valid (${error.message}); edit the rule instead.`, error.details.field);
    throw error;
  }
}

export async function deleteRule(id: string, actor: Actor): Promise<void> {
  const current = await loadActive(id);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.remediationRule.update({ where: { id }, data: { deletedAt: new Date(), enabled: false } });
    await recordAudit(tx, { actor, action: "rule.deleted", target: { type: "rule", id }, summary: `Rule “${current.name}” deleted`, before: ruleSnapshot(ruleFromRow(current)) });
  });
  version.local += 1;
}

/** Sets the evaluation order: `ids` first to last (every active rule must be listed once). */
export async function reorderRules(ids: string[], actor: Actor): Promise<void> {
  const db = await getDb();
  const active = await db.remediationRule.findMany({ where: ACTIVE, select: { id: true } });
  const known = new Set(active.map((rule) => rule.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw new ValidationFailed("ids must list every rule exactly once", "ids");
  }
  await db.$transaction(async (tx) => {
    for (const [index, id] of ids.entries()) await tx.remediationRule.update({ where: { id }, data: { position: index + 1 } });
    await recordAudit(tx, { actor, action: "rule.reordered", summary: `Rules reordered`, after: { ids } });
  });
  version.local += 1;
}

export async function loadActiveRules(): Promise<Rule[]> {
  const db = await getDb();
  const rows = await db.remediationRule.findMany({ where: ACTIVE, orderBy: [{ position: "asc" }, { id: "asc" }] });
  return rows.map(ruleFromRow);
}
