import { z } from "zod";
import { PRIORITY_CLASSES, TIERS } from "@/lib/jobs/model";
import { namespaceSchema } from "@/lib/jobs/inputs";

/** When a rule is considered: which kind of change to an issue (or a metric alert). */
export const RULE_TRIGGERS = ["issue_created", "issue_unresolved", "event_alert", "metric_alert", "error_event"] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

export const TRIGGER_LABELS: Record<RuleTrigger, string> = {
  issue_created: "Issue created",
  issue_unresolved: "Issue unresolved (regression)",
  event_alert: "Issue alert fired",
  metric_alert: "Metric alert critical or warning",
  error_event: "Error event received",
};

/** What a condition can look at. `tag` needs the tag's key. */
export const CONDITION_FIELDS = [
  "title",
  "culprit",
  "level",
  "status",
  "environment",
  "project",
  "platform",
  "metadata.type",
  "metadata.value",
  "tag",
  "release",
  "event_count",
  "user_count",
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const NUMERIC_FIELDS: readonly ConditionField[] = ["event_count", "user_count"];

export const CONDITION_OPERATORS = ["equals", "not_equals", "contains", "starts_with", "matches", "in", "gt", "lt"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const OPERATOR_LABELS: Record<ConditionOperator, string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  starts_with: "starts with",
  matches: "matches regex",
  in: "is one of",
  gt: "is greater than",
  lt: "is less than",
};

export const FIELD_LABELS: Record<ConditionField, string> = {
  title: "Title",
  culprit: "Culprit",
  level: "Level",
  status: "Status",
  environment: "Environment",
  project: "Project",
  platform: "Platform",
  "metadata.type": "Exception type (metadata.type)",
  "metadata.value": "Exception message (metadata.value)",
  tag: "Tag",
  release: "Release",
  event_count: "Event count",
  user_count: "User count",
};

/** Longest regex source accepted; matching itself is linear-time (RE2). */
export const MAX_PATTERN_LENGTH = 500;

export const conditionSchema = z
  .object({
    field: z.enum(CONDITION_FIELDS, { message: `must be one of ${CONDITION_FIELDS.join(", ")}` }),
    /** The tag's key, for field `tag`. */
    tag: z.string().trim().min(1).max(200).optional(),
    operator: z.enum(CONDITION_OPERATORS, { message: `must be one of ${CONDITION_OPERATORS.join(", ")}` }),
    value: z.union([z.string().max(2000), z.number(), z.array(z.string().max(500)).max(200)]),
  })
  .superRefine((condition, ctx) => {
    if (condition.field === "tag" && !condition.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "is required for a tag condition" });
    const numeric = NUMERIC_FIELDS.includes(condition.field);
    if (condition.operator === "gt" || condition.operator === "lt") {
      if (typeof condition.value !== "number") ctx.addIssue({ code: "custom", path: ["value"], message: "must be a number for greater / less than" });
    } else if (condition.operator === "in") {
      if (!Array.isArray(condition.value) || condition.value.length === 0) ctx.addIssue({ code: "custom", path: ["value"], message: "must be a non-empty list for “is one of”" });
    } else if (numeric && condition.operator !== "equals" && condition.operator !== "not_equals") {
      ctx.addIssue({ code: "custom", path: ["operator"], message: `${condition.operator} does not apply to a number` });
    } else if (typeof condition.value !== "string" && !(numeric && typeof condition.value === "number")) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "must be text" });
    }
    if (condition.operator === "matches" && typeof condition.value === "string" && condition.value.length > MAX_PATTERN_LENGTH) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `is longer than ${MAX_PATTERN_LENGTH} characters` });
    }
  });
export type RuleCondition = z.infer<typeof conditionSchema>;

export const conditionGroupSchema = z.object({
  match: z.enum(["all", "any"]).default("all"),
  conditions: z.array(conditionSchema).max(50),
});
export type ConditionGroup = z.infer<typeof conditionGroupSchema>;

/** Groups combined with all / any; a rule with no condition matches every subject of its trigger. */
export const conditionsSchema = z.object({
  match: z.enum(["all", "any"]).default("all"),
  groups: z.array(conditionGroupSchema).max(20).default([]),
});
export type RuleConditions = z.infer<typeof conditionsSchema>;

export const actionSchema = z.object({
  script: z.string().trim().min(1, { message: "is required" }).max(100),
  tier: z.enum(TIERS, { message: "must be prod or nonprod" }),
  namespace: namespaceSchema.default("default"),
  priorityClass: z.enum(PRIORITY_CLASSES, { message: "must be A, B or C" }).default("B"),
  /** String values may hold {{placeholders}} filled from the issue and event. */
  args: z.record(z.string(), z.unknown()).default({}),
  metadata: z.record(z.string(), z.string().max(1000)).default({}),
  resolveIssueOnSuccess: z.boolean().default(false),
});
export type RuleAction = z.infer<typeof actionSchema>;

export const safetySchema = z.object({
  /** No second job for the same issue within this many minutes (0 = off). */
  cooldownMinutes: z.number().int().min(0).max(7 * 24 * 60).default(30),
  /** At most this many jobs from the rule within the window (0 = no limit). */
  maxJobsPerWindow: z.number().int().min(0).max(10_000).default(10),
  windowMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  /** No new job for an issue while one is active, nor until it is resolved and regresses. */
  oneUntilResolved: z.boolean().default(true),
});
export type RuleSafety = z.infer<typeof safetySchema>;

/** A rule as an admin writes it (the API body, the editor's draft, an import entry). */
export const ruleInput = z.object({
  name: z.string().trim().min(1, { message: "is required" }).max(200),
  description: z.string().trim().max(2000).optional().default(""),
  enabled: z.boolean().default(true),
  trigger: z.enum(RULE_TRIGGERS, { message: `must be one of ${RULE_TRIGGERS.join(", ")}` }),
  conditions: conditionsSchema.default({ match: "all", groups: [] }),
  action: actionSchema,
  safety: safetySchema.default({ cooldownMinutes: 30, maxJobsPerWindow: 10, windowMinutes: 60, oneUntilResolved: true }),
  stopAfterMatch: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  /** Default: on for prod, off otherwise (decided when the rule is saved). */
  requiresApproval: z.boolean().optional(),
});
export type RuleInput = z.input<typeof ruleInput>;
export type RuleDraft = z.infer<typeof ruleInput>;

/** A stored rule as the engine sees it. */
export interface Rule extends Omit<RuleDraft, "requiresApproval"> {
  id: string;
  position: number;
  requiresApproval: boolean;
  revision: number;
}
