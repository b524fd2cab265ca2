import { beforeEach, describe, expect, it } from "vitest";
import * as evaluationsRoute from "@/app/api/issues/[id]/evaluations/route";
import * as enabledRoute from "@/app/api/rules/[id]/enabled/route";
import * as rollbackRoute from "@/app/api/rules/[id]/rollback/route";
import * as ruleRoute from "@/app/api/rules/[id]/route";
import * as exportRoute from "@/app/api/rules/export/route";
import * as importRoute from "@/app/api/rules/import/route";
import * as previewRoute from "@/app/api/rules/preview/route";
import * as reorderRoute from "@/app/api/rules/reorder/route";
import * as rulesRoute from "@/app/api/rules/route";
import { withTestDatabase } from "../support/database";
import { callRoute, createRoleTokens } from "../support/routes";

const testDatabase = withTestDatabase({ truncateEach: true });
let viewer: string;
let operator: string;
let admin: string;

beforeEach(async () => {
  // These tests start without the default pack.
  await testDatabase().db.appSetting.create({ data: { key: "rules.defaultsSeeded", value: {} } });
  ({ viewer, operator, admin } = await createRoleTokens());
});

const RULE = {
  name: "Timeouts → restart",
  trigger: "issue_created",
  conditions: { match: "all", groups: [{ match: "any", conditions: [{ field: "title", operator: "matches", value: "(?i)time(d)? ?out" }] }] },
  action: { script: "restart-service", tier: "prod", args: { service: "{{issue.project}}" } },
};

async function create(body: unknown = RULE, token = admin) {
  return callRoute(rulesRoute.POST, { method: "POST", path: "/api/rules", body, token });
}

describe("rules over HTTP", () => {
  it("lets admins create rules and everyone signed in read them; prod rules default to needing approval", async () => {
    expect((await create(RULE, operator)).status).toBe(403);
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body.rule).toMatchObject({ name: RULE.name, revision: 1, requiresApproval: true, position: 1 });
    const list = await callRoute(rulesRoute.GET, { path: "/api/rules", token: viewer });
    expect(list.body.rules).toHaveLength(1);
    expect(list.body.rules[0]).toMatchObject({ hits24h: 0, lastFiredAt: null });
    const detail = await callRoute(ruleRoute.GET, { path: `/api/rules/${created.body.rule.id}`, params: { id: created.body.rule.id }, token: viewer });
    expect(detail.body.revisions).toHaveLength(1);
  });

  it("answers a bad rule with 422 naming the field, and stores nothing", async () => {
    const cases: [unknown, string][] = [
      [{ ...RULE, name: "" }, "name"],
      [{ ...RULE, conditions: { groups: [{ conditions: [{ field: "title", operator: "matches", value: "(?<=x)y" }] }] } }, "conditions.groups.0.conditions.0.value"],
      [{ ...RULE, action: { ...RULE.action, args: { service: "{{issue.owner}}" } } }, "action.args.service"],
      [{ ...RULE, action: { ...RULE.action, tier: "qa" } }, "action.tier"],
      [{ ...RULE, safety: { cooldownMinutes: -1 } }, "safety.cooldownMinutes"],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.field).toBe(field);
    }
    expect((await callRoute(rulesRoute.POST, { method: "POST", path: "/api/rules", rawBody: "{", headers: { "content-type": "application/json" }, token: admin })).status).toBe(400);
    expect(await testDatabase().db.remediationRule.count()).toBe(0);
  });

  it("saves revisions, refuses a stale one with 409, rolls back, and lets operators toggle", async () => {
    const { id } = (await create()).body.rule;
    const put = (body: unknown, token = admin) => callRoute(ruleRoute.PUT, { method: "PUT", path: `/api/rules/${id}`, params: { id }, body, token });
    expect((await put({ rule: { ...RULE, name: "x" } }, operator)).status).toBe(403);
    expect((await put({ rule: { ...RULE, dryRun: true }, expectedRevision: 1 })).body.rule).toMatchObject({ revision: 2, dryRun: true });
    expect((await put({ rule: { ...RULE, name: "late" }, expectedRevision: 1 })).status).toBe(409);
    const toggled = await callRoute(enabledRoute.POST, { method: "POST", path: `/api/rules/${id}/enabled`, params: { id }, body: { enabled: false }, token: operator });
    expect(toggled.body.rule).toMatchObject({ enabled: false, revision: 3 });
    expect((await callRoute(enabledRoute.POST, { method: "POST", path: `/api/rules/${id}/enabled`, params: { id }, body: { enabled: "no" }, token: operator })).body.error.field).toBe("enabled");
    const rolled = await callRoute(rollbackRoute.POST, { method: "POST", path: `/api/rules/${id}/rollback`, params: { id }, body: { revision: 1 }, token: admin });
    expect(rolled.body.rule).toMatchObject({ revision: 4, enabled: true, dryRun: false });
    const detail = await callRoute(ruleRoute.GET, { path: `/api/rules/${id}`, params: { id }, token: viewer });
    expect(detail.body.revisions.map((revision: { revision: number }) => revision.revision)).toEqual([4, 3, 2, 1]);
    expect(detail.body.revisions[2].changes).toEqual(["dryRun: false → true"]);
    expect((await callRoute(ruleRoute.DELETE, { method: "DELETE", path: `/api/rules/${id}`, params: { id }, token: admin })).status).toBe(200);
    expect((await callRoute(ruleRoute.GET, { path: `/api/rules/${id}`, params: { id }, token: viewer })).status).toBe(404);
  });

  it("reorders, exports and imports", async () => {
    const first = (await create()).body.rule;
    const second = (await create({ ...RULE, name: "Second" })).body.rule;
    expect((await callRoute(reorderRoute.POST, { method: "POST", path: "/api/rules/reorder", body: { ids: [first.id] }, token: admin })).body.error.field).toBe("ids");
    const reordered = await callRoute(reorderRoute.POST, { method: "POST", path: "/api/rules/reorder", body: { ids: [second.id, first.id] }, token: admin });
    expect(reordered.body.rules.map((rule: { name: string }) => rule.name)).toEqual(["Second", RULE.name]);
    const exported = await callRoute(exportRoute.GET, { path: "/api/rules/export", token: admin });
    expect(exported.headers.get("content-disposition")).toContain("attachment");
    expect(exported.body.rules.map((rule: { name: string }) => rule.name)).toEqual(["Second", RULE.name]);
    expect((await callRoute(importRoute.POST, { method: "POST", path: "/api/rules/import", body: { rules: [] }, token: admin })).body.error.field).toBe("format");
    const imported = await callRoute(importRoute.POST, { method: "POST", path: "/api/rules/import", body: { ...exported.body, replace: true }, token: admin });
    expect(imported).toMatchObject({ status: 201, body: { imported: 2, replaced: 2 } });
  });

  it("previews a draft against stored issues and against a pasted payload, naming a bad field", async () => {
    await testDatabase().db.issue.create({ data: { sentryId: "1", title: "Gateway Timeout on /checkout", projectSlug: "shop", lastSeen: new Date() } });
    await testDatabase().db.issue.create({ data: { sentryId: "2", title: "TypeError: x is undefined", projectSlug: "shop", lastSeen: new Date() } });
    const preview = await callRoute(previewRoute.POST, { method: "POST", path: "/api/rules/preview", body: { rule: RULE }, token: admin });
    expect(preview.body).toMatchObject({ evaluated: 2, matched: 1 });
    expect(preview.body.results[0]).toMatchObject({ matched: true, args: { service: "shop" }, issue: { title: "Gateway Timeout on /checkout" } });
    const pasted = await callRoute(previewRoute.POST, {
      method: "POST",
      path: "/api/rules/preview",
      token: admin,
      body: { rule: RULE, payload: { action: "created", data: { issue: { id: "9", title: "Read timed out", project: { id: "1", slug: "api" }, level: "error", status: "unresolved" } } } },
    });
    expect(pasted.body.payload).toMatchObject({ matched: true, args: { service: "api" } });
    const bad = await callRoute(previewRoute.POST, { method: "POST", path: "/api/rules/preview", token: admin, body: { rule: RULE, payload: { data: {} } } });
    expect(bad).toMatchObject({ status: 422, body: { error: { field: "payload" } } });
    expect((await callRoute(previewRoute.POST, { method: "POST", path: "/api/rules/preview", token: viewer, body: { rule: RULE } })).status).toBe(403);
  });

  it("lists an issue's evaluations for viewers", async () => {
    const issue = await testDatabase().db.issue.create({ data: { sentryId: "77", title: "x" } });
    const response = await callRoute(evaluationsRoute.GET, { path: `/api/issues/${issue.sentryId}/evaluations`, params: { id: issue.sentryId }, token: viewer });
    expect(response).toMatchObject({ status: 200, body: { evaluations: [] } });
  });
});
