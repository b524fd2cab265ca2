import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alertLinks, emailMessage, githubCommentBody, pagerDutyPayload, slackPayload, webhookBody, webhookSignatureHeaders, type AlertMessage } from "./format";

const APP = "https://ops.example.com/";
const failure: AlertMessage = {
  id: "evt-1",
  type: "job.failed",
  title: "restart-db-pool failed on prod (checkout) <primary>",
  severity: "error",
  tier: "prod",
  resolves: false,
  groupKey: "job-failed:restart-db-pool:checkout",
  occurredAt: new Date("2026-11-25T10:00:00Z"),
  data: { jobId: "job-42", issueId: "iss-7", script: "restart-db-pool", namespace: "checkout", priorityClass: "A", error: "pool did not come back" },
};
const resolved: AlertMessage = { ...failure, id: "evt-2", resolves: true, title: "restart-db-pool recovered" };

describe("alertLinks", () => {
  it("links the job, issue, monitor and health check the event names, under the app URL", () => {
    expect(alertLinks(failure, APP)).toEqual([
      { text: "Open the job", href: "https://ops.example.com/jobs/job-42" },
      { text: "Open the issue", href: "https://ops.example.com/issues/iss-7" },
    ]);
    expect(alertLinks({ ...failure, data: { monitorSlug: "batch-worker-prod", healthCheckId: "hc 1" } }, APP).map((link) => link.href)).toEqual([
      "https://ops.example.com/monitors/batch-worker-prod",
      "https://ops.example.com/health/hc%201",
    ]);
  });
});

describe("slackPayload", () => {
  it("has a fallback text, escaped markup, the facts and link buttons", () => {
    const payload = slackPayload(failure, APP);
    expect(payload.text).toBe(":red_circle: restart-db-pool failed on prod (checkout) <primary>");
    const json = JSON.stringify(payload.blocks);
    expect(json).toContain("&lt;primary&gt;");
    expect(json).toContain("*Class*\\nA");
    expect(json).toContain("*Reason*\\npool did not come back");
    expect(json).toContain('"url":"https://ops.example.com/jobs/job-42"');
    expect(slackPayload(resolved, APP).text).toBe(":white_check_mark: Resolved: restart-db-pool recovered");
  });
});

describe("pagerDutyPayload", () => {
  it("triggers with the group as dedup key and resolves the same key", () => {
    const trigger = pagerDutyPayload(failure, "R0UTINGKEY", APP);
    expect(trigger).toMatchObject({ routing_key: "R0UTINGKEY", event_action: "trigger", dedup_key: failure.groupKey, payload: { severity: "error", source: "self-healing-ops", component: "restart-db-pool", group: "prod", class: "job.failed", timestamp: "2026-11-25T10:00:00.000Z" } });
    expect(pagerDutyPayload(resolved, "R0UTINGKEY", APP)).toEqual({ routing_key: "R0UTINGKEY", event_action: "resolve", dedup_key: failure.groupKey });
  });

  it("keeps PagerDuty's limits and severities", () => {
    const long = pagerDutyPayload({ ...failure, title: "x".repeat(2000), severity: "bogus", groupKey: "k".repeat(300) }, "R", APP) as { payload: { summary: string; severity: string }; dedup_key: string };
    expect(long.payload.summary).toHaveLength(1024);
    expect(long.payload.severity).toBe("error");
    expect(long.dedup_key).toHaveLength(255);
  });
});

describe("webhook", () => {
  it("signs timestamp and body so a receiver can check both", () => {
    const body = webhookBody(failure, APP);
    const headers = webhookSignatureHeaders(body, "whsec_test", failure.occurredAt);
    expect(headers["x-ops-timestamp"]).toBe(String(Date.UTC(2026, 10, 25, 10) / 1000));
    const expected = createHmac("sha256", "whsec_test").update(`${headers["x-ops-timestamp"]}.${body}`).digest("hex");
    expect(headers["x-ops-signature"]).toBe(`sha256=${expected}`);
    expect(JSON.parse(body)).toMatchObject({ id: "evt-1", type: "job.failed", resolves: false, data: { jobId: "job-42" }, links: [{ href: "https://ops.example.com/jobs/job-42" }, { href: "https://ops.example.com/issues/iss-7" }] });
  });
});

describe("emailMessage and githubCommentBody", () => {
  it("puts severity and tier in the subject, facts and links in the body", () => {
    expect(emailMessage(failure, APP).subject).toBe("[ERROR][PROD] restart-db-pool failed on prod (checkout) <primary>");
    expect(emailMessage(resolved, APP).subject).toMatch(/^\[RESOLVED\]\[PROD\] /);
    expect(emailMessage(failure, APP).text).toContain("Open the job: https://ops.example.com/jobs/job-42");
    const comment = githubCommentBody({ ...failure, data: { ...failure.data, error: "a | b\nc" } }, APP);
    expect(comment).toContain("### ❌ restart-db-pool failed");
    expect(comment).toContain("| Reason | a \\| b c |");
    expect(comment).toContain("[Open the job](https://ops.example.com/jobs/job-42)");
  });
});
