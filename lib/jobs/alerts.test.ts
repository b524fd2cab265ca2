import { describe, expect, it } from "vitest";
import { jobAlert } from "./alerts";

const job = (overrides: Partial<Parameters<typeof jobAlert>[0]> = {}): Parameters<typeof jobAlert>[0] => ({
  id: "job-1",
  status: "failed",
  script: "restart-db-pool",
  tier: "prod",
  namespace: "checkout",
  priorityClass: "A",
  issueId: "iss-1",
  ruleId: null,
  error: "pool did not come back",
  metadata: null,
  args: {},
  ...overrides,
});

describe("jobAlert", () => {
  it("pages for a class A production failure, warns for non-production, and groups by script, tier and namespace", () => {
    expect(jobAlert(job(), "finished")).toMatchObject({ type: "job.failed", severity: "critical", tier: "prod", groupKey: "job:restart-db-pool:prod:checkout", data: { jobId: "job-1", error: "pool did not come back", priorityClass: "A" } });
    expect(jobAlert(job({ priorityClass: "B" }), "finished")!.severity).toBe("error");
    expect(jobAlert(job({ tier: "nonprod", status: "timed_out" }), "finished")).toMatchObject({ type: "job.timed_out", severity: "warning", groupKey: "job:restart-db-pool:nonprod:checkout" });
  });

  it("resolves the group on success; nothing for a cancel or a job still waiting", () => {
    expect(jobAlert(job({ status: "succeeded", error: null }), "finished")).toMatchObject({ type: "job.succeeded", resolves: true, groupKey: "job:restart-db-pool:prod:checkout" });
    expect(jobAlert(job({ status: "cancelled" }), "finished")).toBeNull();
    expect(jobAlert(job({ status: "queued" }), "submitted")).toBeNull();
  });

  it("asks for approval once per job", () => {
    expect(jobAlert(job({ status: "awaiting_approval" }), "submitted")).toMatchObject({ type: "job.needs_approval", groupKey: "approval:job-1", severity: "warning" });
  });

  it("carries a build fix's pull request or commit for a GitHub comment", () => {
    expect(jobAlert(job({ script: "fix-build-errors", metadata: { pullRequest: 42 }, args: { sha: "abc1234" } }), "finished")!.data).toMatchObject({ pullRequest: 42, commitSha: "abc1234" });
    expect(jobAlert(job({ metadata: { pullRequest: "nope" }, args: { sha: "not-a-sha" } }), "finished")!.data).not.toHaveProperty("pullRequest");
  });
});
