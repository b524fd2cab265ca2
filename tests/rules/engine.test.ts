import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/sentry/route";
import { resetConfigForTests } from "@/lib/config";
import { settleBackgroundTasks } from "@/lib/jobs";
import { createRule, DEFAULT_RULES, ensureDefaultRules, exportRules, importRules, rollbackRule, updateRule, type RuleInput } from "@/lib/rules";
import { Conflict, ValidationFailed } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TestClock } from "../support/clock";
import { startFakeSentryApi, type FakeSentryApi } from "../support/fake-sentry-api";
import { drainOutboxNow } from "../support/outbox";
import { callRoute } from "../support/routes";
import { fixture, sentryHeaders } from "../support/sentry-webhooks";

const SECRET = "rules-webhook-secret";
const ADMIN = { type: "user" as const, id: undefined, label: "admin@example.com" };

let database: TestDatabase;
let sentry: FakeSentryApi;
let clock: TestClock;

beforeAll(async () => {
  database = await createTestDatabase();
  sentry = await startFakeSentryApi();
  Object.assign(process.env, { SENTRY_CLIENT_SECRET: SECRET, SENTRY_API_BASE_URL: sentry.url, SENTRY_API_TOKEN: sentry.token, SENTRY_ORG: sentry.organization, APP_URL: "https://ops.example.com" });
  resetConfigForTests();
});
afterAll(async () => {
  for (const name of ["SENTRY_CLIENT_SECRET", "SENTRY_API_BASE_URL", "SENTRY_API_TOKEN", "SENTRY_ORG", "APP_URL"]) delete process.env[name];
  resetConfigForTests();
  await sentry.close();
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  sentry.comments.length = 0;
  clock = new TestClock();
});
afterEach(async () => {
  await settleBackgroundTasks();
});

let nextId = 7_000_000;
/** A signed `issue.created` delivery through the real route, like Sentry sends it. */
async function deliverIssue(issue: Record<string, unknown>, action = "created") {
  const body = structuredClone(fixture("issue-created-1.json").body) as { action: string; data: { issue: Record<string, unknown> } };
  body.action = action;
  Object.assign(body.data.issue, { id: String(nextId++), shortId: `SHOP-${nextId}`, ...issue });
  // Sentry knows the issue too (comments go to it).
  if (!sentry.issue(String(body.data.issue.id))) sentry.addIssue({ id: String(body.data.issue.id), title: String(body.data.issue.title) });
  const raw = JSON.stringify(body);
  // Sentry-Hook-Timestamp from the test clock: resolutions and jobs are then on one timeline.
  const headers = sentryHeaders(raw, "issue", SECRET, { timestamp: Math.floor(clock.now().getTime() / 1000) });
  const response = await callRoute(webhookRoute.POST, { method: "POST", path: "/api/webhooks/sentry", rawBody: raw, headers });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  await drainOutboxNow({ clock });
  return database.db.issue.findUniqueOrThrow({ where: { sentryId: String(body.data.issue.id) } });
}

const onlyRule = async (rule: RuleInput) => {
  // The default pack would fire too; these tests look at one rule at a time.
  await database.db.appSetting.create({ data: { key: "rules.defaultsSeeded", value: {} } });
  return createRule(rule, ADMIN);
};

describe("the default rule pack", () => {
  it("is seeded once, and a build failure from Sentry becomes a fix-build-errors job on nonprod", async () => {
    const issue = await deliverIssue({ title: "Build failed: TypeScript errors in checkout", culprit: "ci/build", metadata: { type: "BuildError", value: "tsc exited 2" } });
    await settleBackgroundTasks();
    expect(await database.db.remediationRule.count()).toBe(DEFAULT_RULES.length);
    expect(await ensureDefaultRules()).toBe(false);

    const jobs = await database.db.remediationJob.findMany({ where: { issueId: issue.id } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ script: "fix-build-errors", tier: "nonprod", priorityClass: "B", source: "rule", status: "queued", dedupeKey: `rule:${jobs[0]!.ruleId}:issue:${issue.id}` });
    expect(jobs[0]!.metadata).toMatchObject({ sentryIssueId: issue.sentryId, sentryIssueTitle: issue.title, triggeredBy: "rule:Build failures → fix the build" });

    const evaluations = await database.db.ruleEvaluation.findMany({ where: { issueId: issue.id }, include: { rule: true } });
    const byRule = Object.fromEntries(evaluations.map((evaluation) => [evaluation.rule!.name, evaluation]));
    expect(byRule["Build failures → fix the build"]).toMatchObject({ decision: "submitted", jobId: jobs[0]!.id, trigger: "issue_created" });
    expect(byRule["Out of memory → restart the service"]!.decision).toBe("no_match");
    expect((byRule["Out of memory → restart the service"]!.reasons as { conditions: { field: string; actual: string; matched: boolean }[] }).conditions[0]).toMatchObject({ field: "metadata.type", actual: "BuildError", matched: false });
    expect(sentry.comments.map((comment) => comment.text.split("\n")[0])).toContain("Automated remediation job submitted: fix-build-errors (nonprod/default, class B)");
  });

  it("holds production jobs for approval", async () => {
    const issue = await deliverIssue({ title: "OutOfMemoryError: Java heap space", culprit: "worker.Main", metadata: { type: "OutOfMemoryError", value: "Java heap space" }, project: { id: "2", name: "billing", slug: "billing" } });
    const job = await database.db.remediationJob.findFirstOrThrow({ where: { issueId: issue.id, script: "restart-service" } });
    expect(job).toMatchObject({ tier: "prod", priorityClass: "A", status: "awaiting_approval", requiresApproval: true, args: { service: "billing" } });
  });
});

describe("safety limits", () => {
  const base: RuleInput = {
    name: "restart on timeouts",
    trigger: "issue_created",
    conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "timeout" }] }] },
    action: { script: "noop", tier: "nonprod", args: { note: "{{issue.shortId}}" } },
  };

  it("caps a storm: 20 matching issues, at most 3 jobs in the window; the rest are held with the reason", async () => {
    await onlyRule({ ...base, safety: { cooldownMinutes: 0, maxJobsPerWindow: 3, windowMinutes: 60, oneUntilResolved: false } });
    for (let i = 0; i < 20; i++) await deliverIssue({ title: `Gateway timeout #${i}` });
    expect(await database.db.remediationJob.count()).toBe(3);
    const held = await database.db.ruleEvaluation.findMany({ where: { decision: "held" } });
    expect(held).toHaveLength(17);
    expect((held[0]!.reasons as { limit: { limit: string } }).limit.limit).toBe("rate");
    clock.advance(61 * 60);
    await deliverIssue({ title: "Gateway timeout after the window" });
    expect(await database.db.remediationJob.count()).toBe(4);
  });

  it("one until resolved: nothing more for the issue until it is resolved and regresses; then once again", async () => {
    await onlyRule({ ...base, trigger: "issue_unresolved", safety: { cooldownMinutes: 0, maxJobsPerWindow: 0, windowMinutes: 60, oneUntilResolved: true } });
    const issue = await deliverIssue({ title: "Upstream timeout", status: "resolved" }, "resolved");
    const change = async (action: string, status: string) => {
      clock.advance(60);
      await deliverIssue({ id: issue.sentryId, title: "Upstream timeout", status }, action);
    };
    await change("unresolved", "unresolved");
    expect(await database.db.remediationJob.count()).toBe(1);
    await change("resolved", "resolved");
    await change("unresolved", "unresolved");
    // Resolved and regressed, but the first job is still queued: held.
    expect(await database.db.remediationJob.count()).toBe(1);
    await database.db.remediationJob.updateMany({ data: { status: "succeeded", finishedAt: new Date() } });
    await change("resolved", "resolved");
    await change("unresolved", "unresolved");
    expect(await database.db.remediationJob.count()).toBe(2);
  });

  it("cools down per issue", async () => {
    await onlyRule({ ...base, trigger: "error_event", action: { ...base.action, args: { note: "{{issue.title}}" } }, safety: { cooldownMinutes: 30, maxJobsPerWindow: 0, windowMinutes: 60, oneUntilResolved: false } });
    const event = structuredClone(fixture("error-created-1.json").body) as { data: { error: Record<string, unknown> } };
    const send = async (eventId: string) => {
      Object.assign(event.data.error, { event_id: eventId, title: "ReadTimeout: read timeout" });
      const raw = JSON.stringify(event);
      await callRoute(webhookRoute.POST, { method: "POST", path: "/api/webhooks/sentry", rawBody: raw, headers: sentryHeaders(raw, "error", SECRET) });
      await drainOutboxNow({ clock });
    };
    await send("e1");
    await database.db.remediationJob.updateMany({ data: { status: "succeeded" } });
    clock.advance(29 * 60);
    await send("e2");
    expect(await database.db.remediationJob.count()).toBe(1);
    expect((await database.db.ruleEvaluation.findFirstOrThrow({ where: { decision: "held" } })).reasons).toMatchObject({ limit: { limit: "cooldown" } });
    clock.advance(2 * 60);
    await send("e3");
    expect(await database.db.remediationJob.count()).toBe(2);
  });

  it("dry-run records what it would have done and submits nothing", async () => {
    await onlyRule({ ...base, dryRun: true });
    const issue = await deliverIssue({ title: "DB timeout" });
    expect(await database.db.remediationJob.count()).toBe(0);
    const evaluation = await database.db.ruleEvaluation.findFirstOrThrow({ where: { issueId: issue.id } });
    expect(evaluation).toMatchObject({ decision: "dry_run", jobId: null });
    expect(evaluation.reasons).toMatchObject({ job: { script: "noop", tier: "nonprod", args: { note: issue.shortId } } });
  });
});

describe("metric alerts", () => {
  it("a critical metric alert runs metric_alert rules with the alert's title", async () => {
    await onlyRule({
      name: "errors spike → redeploy note",
      trigger: "metric_alert",
      conditions: { match: "all", groups: [{ match: "all", conditions: [{ field: "title", operator: "contains", value: "too many errors" }] }] },
      action: { script: "noop", tier: "nonprod", args: { note: "{{alert.title}} ({{alert.status}})" } },
    });
    const body = structuredClone(fixture("metric_alert-resolved-1.json").body) as { action: string };
    body.action = "critical";
    const raw = JSON.stringify(body);
    expect((await callRoute(webhookRoute.POST, { method: "POST", path: "/api/webhooks/sentry", rawBody: raw, headers: sentryHeaders(raw, "metric_alert", SECRET) })).status).toBe(200);
    await drainOutboxNow({ clock });
    const job = await database.db.remediationJob.findFirstOrThrow();
    expect(job.args).toEqual({ note: expect.stringMatching(/Too many errors \(critical\)$/) });
    expect(await database.db.ruleEvaluation.count({ where: { metricAlertIncidentId: { not: null }, decision: "submitted" } })).toBe(1);
  });
});

describe("revisions, rollback, import and export", () => {
  const rule: RuleInput = { name: "r", trigger: "issue_created", action: { script: "noop", tier: "nonprod", args: {} } };

  it("keeps every save as a revision with a readable diff, refuses a stale editor, and rolls back", async () => {
    await database.db.appSetting.create({ data: { key: "rules.defaultsSeeded", value: {} } });
    const created = await createRule(rule, ADMIN);
    const second = await updateRule(created.id, { ...rule, action: { ...rule.action, tier: "prod" } }, ADMIN, { expectedRevision: 1 });
    expect(second).toMatchObject({ revision: 2, requiresApproval: true });
    await expect(updateRule(created.id, { ...rule, name: "stale" }, ADMIN, { expectedRevision: 1 })).rejects.toBeInstanceOf(Conflict);
    const unchanged = await updateRule(created.id, { ...rule, action: { ...rule.action, tier: "prod" } }, ADMIN);
    expect(unchanged.revision).toBe(2);
    const rolledBack = await rollbackRule(created.id, 1, ADMIN);
    expect(rolledBack).toMatchObject({ revision: 3, action: { tier: "nonprod" }, requiresApproval: false });
    const revisions = await database.db.remediationRuleRevision.findMany({ where: { ruleId: created.id }, orderBy: { revision: "asc" } });
    expect(revisions.map((revision) => revision.note)).toEqual(["Created", null, "Rolled back to revision 1"]);
    expect(await database.db.auditLogEntry.count({ where: { targetId: created.id } })).toBe(3);
  });

  it("exports and imports rules; an invalid import names the rule and field and writes nothing", async () => {
    await database.db.appSetting.create({ data: { key: "rules.defaultsSeeded", value: {} } });
    await createRule(rule, ADMIN);
    const exported = await exportRules();
    expect(exported.rules).toHaveLength(1);
    const error = await importRules({ ...exported, rules: [rule, { ...rule, action: { ...rule.action, script: "nope" } }] }, ADMIN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).details.field).toBe("rules.1.action.script");
    expect(await database.db.remediationRule.count()).toBe(1);
    expect(await importRules({ ...exported, replace: true }, ADMIN)).toEqual({ imported: 1, replaced: 1 });
    expect(await database.db.remediationRule.count({ where: { deletedAt: null } })).toBe(1);
  });
});
