// Rows the fuzzing and the secret scan need: a monitor with its token, a rule, a notification
// channel with a sealed secret, a health check, and a finished job.
import { randomBytes } from "node:crypto";
import type { FuzzFixtures } from "../fuzz";
import type { ReliabilityApp } from "./app";

async function create(app: ReliabilityApp, path: string, body: unknown, reveals: string[] = []) {
  const answer = await app.request(path, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` }, body: JSON.stringify(body), reveals });
  if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
  return answer.body;
}

export async function createFixtures(app: ReliabilityApp, jobId: string): Promise<FuzzFixtures> {
  const monitorSlug = "fuzz-monitor";
  const monitor = await create(app, "/api/monitors", { slug: monitorSlug, monitor_config: { schedule: { type: "crontab", value: "* * * * *" } } });
  const rotated = await app.request(`/api/monitors/${monitorSlug}/token`, { method: "POST", headers: { authorization: `Bearer ${app.adminToken}` } });
  const monitorToken = rotated.body.token as string;
  // The first token was shown by the create answer, the second by the rotation's.
  app.answers.at(-1)!.reveals.push(monitorToken);
  app.answers.at(-2)!.reveals.push(monitor.token);
  app.extraSecrets.push(monitor.token, monitorToken);

  const channelSecret = `channel-${randomBytes(16).toString("hex")}`;
  app.extraSecrets.push(channelSecret);
  const channel = await create(app, "/api/alerts/channels", { name: "Fuzz hook", kind: "webhook", settings: { url: "https://hooks.reliability.test/ops" }, secret: channelSecret, defaultRoutes: false });
  const rule = await create(app, "/api/rules", {
    name: "Fuzz target",
    trigger: "issue_created",
    conditions: { match: "all", groups: [{ match: "any", conditions: [{ field: "title", operator: "contains", value: "never matches anything" }] }] },
    action: { script: "sleep", tier: "nonprod", args: { seconds: 0 } },
  });
  const check = await create(app, "/api/health-checks", { name: "Fuzz check", kind: "http", target: { url: "http://127.0.0.1:9/health" } });
  return { monitorSlug, monitorToken, jobId: jobId || "00000000-0000-7000-8000-000000000001", ruleId: rule.rule.id, channelId: channel.channel.id, healthCheckId: check.check.id };
}
