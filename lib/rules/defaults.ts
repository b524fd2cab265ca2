import type { Actor } from "@/lib/auth";
import { getDb, type Prisma } from "@/lib/db";
import type { RuleInput } from "./model";
import { createRule } from "./store";

/** The strategy's starting pack: seeded once, on first run, then the admins' to edit. */
export const DEFAULT_RULES: RuleInput[] = [
  {
    name: "Build failures → fix the build",
    description: "A failed build reported to Sentry runs the fix-build workflow on non-production.",
    trigger: "issue_created",
    conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "Build failed" }] }] },
    action: { script: "fix-build-errors", tier: "nonprod", priorityClass: "B", args: {} },
  },
  {
    name: "Database trouble → restart the DB pool",
    description: "An issue whose culprit mentions the database recycles the production connection pool.",
    trigger: "issue_created",
    conditions: { match: "all", groups: [{ match: "any", conditions: [{ field: "culprit", operator: "contains", value: "database" }, { field: "culprit", operator: "matches", value: "(?i)\\bdb\\b" }] }] },
    action: { script: "restart-db-pool", tier: "prod", priorityClass: "A", args: { pool: "primary" } },
  },
  {
    name: "Out of memory → restart the service",
    description: "An OutOfMemoryError restarts the service of the issue's project.",
    trigger: "issue_created",
    conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "metadata.type", operator: "equals", value: "OutOfMemoryError" }] }] },
    action: { script: "restart-service", tier: "prod", priorityClass: "A", args: { service: "{{issue.project}}" } },
  },
  {
    name: "Production errors → analyze",
    description: "An issue alert for an error or fatal event in production gets an automated analysis posted on Sentry. (Issue webhooks carry no environment; the alert's event does.)",
    trigger: "event_alert",
    conditions: {
      match: "all",
      groups: [
        {
          match: "all",
          conditions: [
            { field: "environment", operator: "equals", value: "production" },
            { field: "level", operator: "in", value: ["error", "fatal"] },
          ],
        },
      ],
    },
    action: { script: "analyze-production-error", tier: "prod", priorityClass: "B", args: {} },
  },
];

const SEEDED = "rules.defaultsSeeded";

// Once this process has seen the marker it does not look again (it is never removed).
const known = ((globalThis as { __opsDefaultRulesSeeded?: { db: unknown } }).__opsDefaultRulesSeeded ??= { db: null });

/** Tests that empty the database call this so the next use seeds again. */
export function resetDefaultRulesMemoForTests(): void {
  known.db = null;
}

/** Creates the default rules the first time rules are used, and never again (deleting them is respected). */
export async function ensureDefaultRules(): Promise<boolean> {
  const db = await getDb();
  if (known.db === db) return false;
  if (await db.appSetting.findUnique({ where: { key: SEEDED } })) {
    known.db = db;
    return false;
  }
  // The marker is claimed first: two processes starting together seed once.
  const claimed = await db.appSetting
    .create({ data: { key: SEEDED, value: { at: new Date().toISOString(), rules: DEFAULT_RULES.length } as Prisma.InputJsonValue } })
    .then(() => true)
    .catch(() => false);
  if (!claimed) return false;
  const actor: Actor = { type: "system", label: "default rule pack" };
  for (const rule of DEFAULT_RULES) await createRule(rule, actor);
  known.db = db;
  return true;
}
