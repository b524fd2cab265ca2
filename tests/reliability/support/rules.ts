import type { ReliabilityApp } from "./app";

/**
 * A rule that submits a job (a 0 s sleep on nonprod) for every new issue whose title contains
 * `marker`, with its own guards off: one job per issue must then come from the pipeline
 * itself, not from a cooldown hiding a second one.
 */
export async function createMatchingRule(app: ReliabilityApp, marker: string): Promise<void> {
  const answer = await app.request("/api/rules", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
    body: JSON.stringify({
      name: marker,
      trigger: "issue_created",
      conditions: { match: "all", groups: [{ match: "any", conditions: [{ field: "title", operator: "contains", value: marker }] }] },
      action: { script: "sleep", tier: "nonprod", args: { seconds: 0 } },
      requiresApproval: false,
      safety: { cooldownMinutes: 0, maxJobsPerWindow: 0, windowMinutes: 60, oneUntilResolved: false },
    }),
  });
  if (answer.status !== 201) throw new Error(`Could not create the rule: ${answer.status} ${answer.text}`);
}
