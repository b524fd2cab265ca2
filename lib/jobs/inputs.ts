import { z } from "zod";
import { JOB_SOURCES, JOB_STATUSES, PRIORITY_CLASSES, TIERS } from "./model";

export const namespaceSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, { message: "must be 1-63 letters, digits, dots, dashes or underscores" });

/** POST /api/jobs and the manual submission form. */
export const submitJobInput = z.object({
  script: z.string().trim().min(1, { message: "is required" }).max(100),
  tier: z.enum(TIERS, { message: "must be prod or nonprod" }),
  namespace: namespaceSchema.default("default"),
  priorityClass: z.enum(PRIORITY_CLASSES, { message: "must be A, B or C" }).default("B"),
  args: z.record(z.string(), z.unknown()).default({}),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** The app's issue id or Sentry's. */
  issueId: z.string().trim().min(1).max(100).optional(),
  dedupeKey: z.string().trim().min(1).max(200).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
  timeoutSeconds: z.number().int().min(1).max(24 * 3600).optional(),
  requiresApproval: z.boolean().optional(),
  resolveIssueOnSuccess: z.boolean().optional(),
});
export type SubmitJobInput = z.input<typeof submitJobInput>;

const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const parts = value.split(",").map((part) => part.trim()).filter(Boolean);
      const bad = parts.find((part) => !(values as readonly string[]).includes(part));
      if (bad) {
        ctx.addIssue({ code: "custom", message: `"${bad}" is not one of ${values.join(", ")}` });
        return z.NEVER;
      }
      return parts as T[];
    });

/** GET /api/jobs and the /jobs page: filters (comma-separated for several values), cursor paging. */
export const jobListQuery = z.object({
  status: csv(JOB_STATUSES),
  tier: csv(TIERS),
  class: csv(PRIORITY_CLASSES),
  source: csv(JOB_SOURCES),
  namespace: z.string().trim().max(63).optional(),
  script: z.string().trim().max(100).optional(),
  issueId: z.string().trim().max(100).optional(),
  ruleId: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().trim().max(100).optional(),
});
export type JobListQuery = z.infer<typeof jobListQuery>;

export const jobReasonInput = z.object({ reason: z.string().trim().max(1000).optional() });

const logLine = z.object({
  level: z.enum(["debug", "info", "warn", "error"]).default("info"),
  message: z.string().max(10_000),
});

/** POST /api/jobs/{id}/callback, sent by the outside runner (a GitHub workflow). */
export const jobCallbackInput = z.object({
  status: z.enum(["running", "succeeded", "failed"], { message: "must be running (progress only), succeeded or failed" }),
  output: z.unknown().optional(),
  error: z.string().max(5000).optional(),
  logs: z.array(logLine).max(1000).default([]),
});
export type JobCallbackInput = z.infer<typeof jobCallbackInput>;

export const jobLogsQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
