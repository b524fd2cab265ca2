import { z } from "zod";

export const ruleUpdateInput = z.object({
  rule: z.unknown(),
  /** The revision the editor started from: a stale save answers 409. */
  expectedRevision: z.number().int().min(1).optional(),
  note: z.string().trim().max(500).optional(),
});

export const ruleEnabledInput = z.object({ enabled: z.boolean({ message: "must be true or false" }) });
export const ruleRollbackInput = z.object({ revision: z.number({ message: "must be a revision number" }).int().min(1) });
export const ruleReorderInput = z.object({ ids: z.array(z.string().min(1)).min(1).max(1000) });
export const rulePreviewInput = z.object({
  rule: z.unknown(),
  /** A pasted Sentry webhook body to test against, instead of the stored issues. */
  payload: z.unknown().optional(),
});
