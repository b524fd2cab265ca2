import { apiRoute, json, parseJsonBody } from "@/lib/http";
import { previewPayload, previewRule, rulePreviewInput, validateRule } from "@/lib/rules";

/**
 * A draft rule's effect, nothing stored: against the last 500 issues, or against a pasted
 * Sentry payload. A draft that would not save answers 422 naming the field, like a save.
 */
export const POST = apiRoute({ role: "admin" }, async ({ request }) => {
  const input = await parseJsonBody(request, rulePreviewInput);
  const draft = validateRule(input.rule);
  if (input.payload !== undefined) return json({ payload: previewPayload(draft, input.payload) });
  return json(await previewRule(draft));
});
