// Scenarios 1 and 2: signed Sentry deliveries in a storm while PostgreSQL restarts, and one
// issue delivered many times at once.
import { signSentryBody } from "@/lib/sentry/webhooks/signature";
import { DEMO_ISSUES, issuePayload } from "@/scripts/support/sentry-payloads";
import type { ReliabilityApp } from "./support/app";
import { createMatchingRule } from "./support/rules";
import { closedLoop } from "./support/closed-loop";

export interface StormResult {
  sent: number;
  acknowledged: number;
  unavailable: number;
  /** Any other answer (a 500, a dropped connection): each one is a failure. */
  other: Record<string, number>;
  /** Acknowledged, yet no stored row with that delivery id. */
  acknowledgedButLost: number;
  /** Acknowledged, stored, but not applied (left for an admin to reprocess). */
  storedAsFailed: number;
  /** After re-sending each 503 until acknowledged, as Sentry does. */
  retriesNeeded: number;
  issuesStored: number;
  restarts: string[];
  seconds: number;
}

interface Delivery {
  raw: string;
  signature: string;
}

function signedDelivery(app: ReliabilityApp, body: unknown): Delivery {
  const raw = JSON.stringify(body);
  return { raw, signature: signSentryBody(Buffer.from(raw), app.secrets.sentryClientSecret) };
}

async function deliver(app: ReliabilityApp, delivery: Delivery): Promise<{ status: number; deliveryId?: string }> {
  try {
    const answer = await app.request("/api/webhooks/sentry", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sentry-hook-resource": "issue",
        "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)),
        "sentry-hook-signature": delivery.signature,
        "request-id": crypto.randomUUID(),
      },
      body: delivery.raw,
    });
    return { status: answer.status, deliveryId: answer.body?.deliveryId };
  } catch {
    return { status: 0 };
  }
}

export async function webhookStormWithRestarts(app: ReliabilityApp, options: { deliveries: number; concurrency: number }): Promise<StormResult> {
  const prefix = `STORM-${Date.now().toString(36)}`;
  const deliveries = Array.from({ length: options.deliveries }, (_, i) => {
    const template = DEMO_ISSUES[i % DEMO_ISSUES.length]!;
    const issue = { ...template, id: String(7_000_000_000 + i), shortId: `${prefix}-${i}`, count: 1 + (i % 40) };
    return signedDelivery(app, issuePayload(issue, "created", new Date()));
  });

  // Restart part-way through: first a clean shutdown, later a crash (WAL replay on start).
  const restartAt = [
    { after: Math.floor(options.deliveries * 0.3), mode: "fast" as const },
    { after: Math.floor(options.deliveries * 0.65), mode: "immediate" as const },
  ];
  const restarts: string[] = [];
  const restartsDone: Promise<void>[] = [];
  let restarting = false;
  let answered = 0;
  const started = performance.now();
  const results = await closedLoop(deliveries.length, options.concurrency, async (index) => {
    const result = await deliver(app, deliveries[index]!);
    answered++;
    // One restart at a time: the next waits until the server is back.
    const restart = restartAt[restartsDone.length];
    if (!restarting && restart && answered >= restart.after) {
      const at = ((performance.now() - started) / 1000).toFixed(1);
      const after = answered;
      restarting = true;
      restartsDone.push(
        app.pg.restart(restart.mode, 1_500).then(() => {
          restarts.push(`${restart.mode} at ${at} s, after ${after} answers`);
          restarting = false;
        }),
      );
    }
    return result;
  });
  await Promise.all(restartsDone);
  const seconds = (performance.now() - started) / 1000;

  const acknowledged = results.filter((result) => result.status >= 200 && result.status < 300);
  const unavailable = results.flatMap((result, index) => (result.status === 503 ? [index] : []));
  const other: Record<string, number> = {};
  for (const result of results) {
    if ((result.status < 200 || result.status >= 300) && result.status !== 503) other[String(result.status)] = (other[String(result.status)] ?? 0) + 1;
  }

  const ackedIds = acknowledged.map((result) => result.deliveryId!);
  const stored = await app.query<{ id: string }>(`SELECT "id" FROM "WebhookDelivery" WHERE "id" = ANY($1::text[])`, [ackedIds]);
  const acknowledgedButLost = ackedIds.length - stored.length;
  const storedAsFailed = await app.count(`SELECT count(*) FROM "WebhookDelivery" WHERE "id" = ANY($1::text[]) AND "status" = 'failed'`, [ackedIds]);

  // Sentry re-sends on 503: do the same until every delivery is acknowledged.
  let retriesNeeded = 0;
  for (const index of unavailable) {
    for (let attempt = 1; ; attempt++) {
      retriesNeeded++;
      const result = await deliver(app, deliveries[index]!);
      if (result.status >= 200 && result.status < 300) break;
      if (attempt >= 20) throw new Error(`Delivery ${index} still answered ${result.status} after 20 retries`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const issuesStored = await app.count(`SELECT count(*) FROM "Issue" WHERE "shortId" LIKE $1`, [`${prefix}-%`]);
  return {
    sent: deliveries.length,
    acknowledged: acknowledged.length,
    unavailable: unavailable.length,
    other,
    acknowledgedButLost,
    storedAsFailed,
    retriesNeeded,
    issuesStored,
    restarts,
    seconds,
  };
}

export interface DuplicateStormResult {
  identical: { sent: number; statuses: Record<string, number>; jobs: number; applied: number };
  varied: { sent: number; statuses: Record<string, number>; jobs: number };
}

function countStatuses(statuses: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[String(status)] = (counts[String(status)] ?? 0) + 1;
  return counts;
}

/**
 * A rule that submits a job for the issue, then the issue delivered `copies` times at once:
 * first the very same bytes (a resend), then copies that differ (later event counts).
 */
export async function duplicateStorm(app: ReliabilityApp, copies: number): Promise<DuplicateStormResult> {
  const marker = `Duplicate storm ${Date.now().toString(36)}`;
  await createMatchingRule(app, marker);

  const run = async (issueId: string, bodies: Delivery[]) => {
    const results = await Promise.all(bodies.map((body) => deliver(app, body)));
    // The requests only stored the changes and their outbox events; the rule runs when a
    // worker drains the outbox: here the cron tick, as on Vercel, as many ticks as the backlog
    // (scenario 1's thousands of events come first) takes.
    const deadline = Date.now() + 300_000;
    for (;;) {
      const waiting = await app.count(
        `SELECT count(*) FROM "OutboxHandling" h JOIN "Issue" i ON h."streamKey" = 'issue:' || i."id" WHERE i."sentryId" = $1 AND h."consumer" = 'rules' AND h."status" = 'pending'`,
        [issueId],
      );
      if (waiting === 0) break;
      if (Date.now() > deadline) throw new Error(`${waiting} rule handling(s) of issue ${issueId} still pending after 300 s of cron ticks`);
      const tick = await app.request("/api/cron/tick", { headers: { authorization: `Bearer ${app.secrets.cronSecret}` } });
      if (tick.status !== 200) throw new Error(`The cron tick answered ${tick.status}: ${tick.text}`);
    }
    const jobs = await app.count(`SELECT count(*) FROM "RemediationJob" j JOIN "Issue" i ON i."id" = j."issueId" WHERE i."sentryId" = $1`, [issueId]);
    return { statuses: countStatuses(results.map((result) => result.status)), jobs, results };
  };

  const template = DEMO_ISSUES[0]!;
  const identicalIssue = { ...template, id: "7900000001", shortId: "DUP-1", title: `${marker}: identical` };
  const identicalBody = signedDelivery(app, issuePayload(identicalIssue, "created", new Date()));
  const identical = await run(identicalIssue.id, Array.from({ length: copies }, () => identicalBody));
  const ids = identical.results.flatMap((result) => (result.deliveryId ? [result.deliveryId] : []));
  const applied = await app.count(`SELECT count(*) FROM "WebhookDelivery" WHERE "id" = ANY($1::text[]) AND "status" = 'processed'`, [ids]);

  const variedIssue = { ...template, id: "7900000002", shortId: "DUP-2", title: `${marker}: varied` };
  const varied = await run(
    variedIssue.id,
    Array.from({ length: copies }, (_, i) => signedDelivery(app, issuePayload({ ...variedIssue, count: i + 1 }, "created", new Date()))),
  );
  return {
    identical: { sent: copies, statuses: identical.statuses, jobs: identical.jobs, applied },
    varied: { sent: copies, statuses: varied.statuses, jobs: varied.jobs },
  };
}
