// npm run demo -- --url http://localhost:3000 [--secret S]
// Sends a realistic, signed series of Sentry webhook deliveries to a running app so a newcomer
// sees a populated dashboard in a minute. The secret defaults to SENTRY_CLIENT_SECRET.
import { parseFlags, stringFlag } from "@/lib/cli/args";
import { signSentryBody } from "@/lib/sentry/webhooks/signature";
import { commentPayload, DEMO_ISSUES, type DemoIssue, errorPayload, eventAlertPayload, issuePayload, metricAlertPayload } from "./support/sentry-payloads";

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const url = (stringFlag(flags, "url") ?? "http://localhost:3000").replace(/\/+$/, "");
  const secret = stringFlag(flags, "secret") ?? process.env.SENTRY_CLIENT_SECRET;
  if (!secret) {
    console.error("No secret: pass --secret or set SENTRY_CLIENT_SECRET (the same value the app was started with).");
    return 2;
  }
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
  const byShortId = (shortId: string) => DEMO_ISSUES.find((issue) => issue.shortId === shortId)!;
  const [build, database, oom, cart, chunk, billing] = ["CI-12", "API-3F", "WORKER-9", "WEB-2K", "WEB-2L", "API-40"].map(byShortId) as [DemoIssue, DemoIssue, DemoIssue, DemoIssue, DemoIssue, DemoIssue];
  const deliveries: { resource: string; body: unknown; label: string; at: Date }[] = [
    ...DEMO_ISSUES.map((issue, i) => ({ resource: "issue", body: issuePayload(issue, "created", at(60 - i * 5)), label: `issue.created ${issue.shortId}`, at: at(60 - i * 5) })),
    { resource: "event_alert", body: eventAlertPayload(database, "Database errors in production", at(30)), label: `event_alert ${database.shortId}`, at: at(30) },
    { resource: "event_alert", body: eventAlertPayload(oom, "Out of memory", at(28)), label: `event_alert ${oom.shortId}`, at: at(28) },
    { resource: "error", body: errorPayload(cart, at(25)), label: `error ${cart.shortId}`, at: at(25) },
    { resource: "error", body: errorPayload(cart, at(24)), label: `error ${cart.shortId}`, at: at(24) },
    { resource: "metric_alert", body: metricAlertPayload("9001", "critical", at(20)), label: "metric_alert critical", at: at(20) },
    { resource: "comment", body: commentPayload(database, "Pool size was lowered in the last deploy; restarting the pool.", "Grace Hopper", at(15)), label: `comment ${database.shortId}`, at: at(15) },
    { resource: "issue", body: issuePayload(chunk, "resolved", at(10)), label: `issue.resolved ${chunk.shortId}`, at: at(10) },
    { resource: "metric_alert", body: metricAlertPayload("9001", "resolved", at(5)), label: "metric_alert resolved", at: at(5) },
    { resource: "issue", body: issuePayload(billing, "ignored", at(3)), label: `issue.ignored ${billing.shortId}`, at: at(3) },
    { resource: "event_alert", body: eventAlertPayload(build, "Build failures", at(2)), label: `event_alert ${build.shortId}`, at: at(2) },
  ];
  let failures = 0;
  for (const delivery of deliveries) {
    const raw = JSON.stringify(delivery.body);
    const response = await fetch(`${url}/api/webhooks/sentry`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "request-id": crypto.randomUUID(),
        "sentry-hook-resource": delivery.resource,
        "sentry-hook-timestamp": String(Math.floor(delivery.at.getTime() / 1000)),
        "sentry-hook-signature": signSentryBody(Buffer.from(raw), secret),
      },
      body: raw,
    }).catch((error: unknown) => {
      console.error(`Could not reach ${url}: ${error instanceof Error ? error.message : error}. Is the app running?`);
      return null;
    });
    if (!response) return 1;
    const result = (await response.json().catch(() => ({}))) as { outcome?: string; error?: { message: string } };
    const ok = response.status < 300;
    if (!ok) failures++;
    console.log(`${ok ? "✓" : "✗"} ${delivery.label.padEnd(28)} ${response.status} ${result.outcome ?? result.error?.message ?? ""}`);
  }
  console.log(failures ? `${failures} deliveries were refused.` : `Sent ${deliveries.length} deliveries. Open ${url}/issues`);
  return failures ? 1 : 0;
}

main().then((code) => process.exit(code));
