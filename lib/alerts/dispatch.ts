import { createTransport } from "nodemailer";
import type { z } from "zod";
import { appBaseUrl, getConfig, type AppConfig } from "@/lib/config";
import { getSql, type NotificationChannel } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { announceOutboxEvents, type OutboxHandler } from "@/lib/outbox";
import { CHANNEL_SETTINGS, channelSecret } from "./channels";
import { queuePendingDelivery } from "./routes";
import { reAlertDue } from "./throttle";
import { emailMessage, githubCommentBody, pagerDutyPayload, slackPayload, webhookBody, webhookSignatureHeaders, type AlertMessage } from "./format";

const SEND_TIMEOUT_MS = 10_000;

export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface DispatchDeps {
  fetch?: typeof fetch;
  config?: AppConfig;
  /** How long one send may take (default 10 s); tests shorten it. */
  timeoutMs?: number;
  now?: () => Date;
}

interface ClaimedDelivery {
  id: string;
  attempts: number;
  eventId: string;
  type: string;
  groupKey: string;
  severity: string;
  tier: "prod" | "nonprod" | null;
  resolves: boolean;
  title: string;
  data: Record<string, unknown>;
  eventAt: Date;
  channel: Pick<NotificationChannel, "id" | "name" | "kind" | "config" | "secretCiphertext" | "secretEnvVar">;
}

/** What the alert-send consumer is asked: send this delivery. */
export function readAlertDelivery(payload: unknown): { deliveryId: string } {
  const deliveryId = (payload as { deliveryId?: unknown } | null)?.deliveryId;
  if (typeof deliveryId !== "string") throw new Error("alert.delivery without a deliveryId");
  return { deliveryId };
}

/**
 * Takes a delivery for this attempt: counts it and marks it sending. Nothing comes back for
 * one already sent or given up (a handling retried after its work was done).
 */
async function startAttempt(deliveryId: string): Promise<ClaimedDelivery | undefined> {
  const sql = await getSql();
  const [delivery] = await sql.query<ClaimedDelivery>(
    `WITH started AS (
       UPDATE "AlertDelivery" SET "status" = 'sending', "attempts" = "attempts" + 1
        WHERE "id" = $1 AND "status" IN ('pending', 'sending')
        RETURNING "id", "attempts", "eventId", "channelId")
     SELECT s."id", s."attempts", s."eventId", e."type", e."groupKey", e."severity", e."tier"::text AS "tier", e."resolves", e."title", e."data", e."createdAt" AS "eventAt",
            json_build_object('id', n."id", 'name', n."name", 'kind', n."kind", 'config', n."config", 'secretCiphertext', n."secretCiphertext", 'secretEnvVar', n."secretEnvVar") AS "channel"
       FROM started s JOIN "AlertEvent" e ON e."id" = s."eventId" JOIN "NotificationChannel" n ON n."id" = s."channelId"`,
    [deliveryId],
  );
  return delivery;
}

/**
 * One attempt at one delivery: the alert-send consumer's work. The outbox hands a group's
 * deliveries on a channel over one at a time and in order (their stream), so a resolve never
 * overtakes its retried trigger. A failure that may pass (429, 5xx, no answer) is thrown for
 * the outbox to retry with backoff; one that cannot (another 4xx), or the last allowed
 * attempt, marks the delivery failed. Errors are stored and thrown without the secret.
 */
export async function sendAlertDelivery(deliveryId: string, attempt: { attempt: number; maxAttempts: number }, deps: DispatchDeps = {}): Promise<"sent" | "failed" | "not_pending"> {
  const delivery = await startAttempt(deliveryId);
  if (!delivery) return "not_pending";
  const sql = await getSql();
  const config = deps.config ?? getConfig();
  const now = deps.now?.() ?? new Date();
  let secret: string | null = null;
  try {
    secret = channelSecret(delivery.channel, config);
    await send(delivery, secret, config, deps, now);
  } catch (error) {
    const retryable = error instanceof DeliveryFailure ? error.retryable : false;
    const message = redactSecret(error instanceof Error ? error.message : String(error), secret).slice(0, 1000);
    if (retryable && attempt.attempt < attempt.maxAttempts) {
      await sql.execute(`UPDATE "AlertDelivery" SET "status" = 'pending', "lastError" = $2 WHERE "id" = $1`, [delivery.id, message]);
      throw new DeliveryFailure(`${delivery.channel.name}: ${message}`, true);
    }
    await sql.execute(`UPDATE "AlertDelivery" SET "status" = 'failed', "lastError" = $2 WHERE "id" = $1`, [delivery.id, message]);
    return "failed";
  }
  await sql.execute(`UPDATE "AlertDelivery" SET "status" = 'sent', "sentAt" = $2, "lastError" = NULL WHERE "id" = $1`, [delivery.id, now]);
  return "sent";
}

/** The alert-send consumer: one delivery per event, retried by the outbox. */
export function alertSendOutboxHandler(deps: DispatchDeps = {}): OutboxHandler {
  return async (event) => {
    if (event.topic !== "alert.delivery") return;
    await sendAlertDelivery(readAlertDelivery(event.payload).deliveryId, event, deps);
  };
}

/**
 * Re-announces groups still open on routes with a re-alert interval: the group's last event is
 * queued again on that channel (a delivery and its outbox event) once the interval has passed
 * since it was last sent. A periodic check, not a retry: the tick runs it.
 */
export async function reAlertOpenGroups(now: Date): Promise<{ reAlerted: number }> {
  const sql = await getSql();
  const last = await sql.query<{ eventId: string; channelId: string; routeId: string; groupKey: string; createdAt: Date; status: string; resolves: boolean; reAlertSeconds: number }>(
    `SELECT DISTINCT ON (d."routeId", d."channelId", e."groupKey") d."eventId", d."channelId", d."routeId", e."groupKey", d."createdAt", d."status"::text AS "status", e."resolves", r."reAlertSeconds"
       FROM "AlertDelivery" d JOIN "AlertEvent" e ON e."id" = d."eventId" JOIN "AlertRoute" r ON r."id" = d."routeId"
      WHERE r."enabled" AND r."reAlertSeconds" IS NOT NULL AND d."status" IN ('pending', 'sending', 'sent')
      ORDER BY d."routeId", d."channelId", e."groupKey", d."createdAt" DESC, d."id" DESC`,
  );
  // Only after the last one went out: a pending or retried one is still being announced.
  const due = last.filter((row) => row.status === "sent" && reAlertDue({ lastAlertAt: new Date(row.createdAt), open: !row.resolves }, row.reAlertSeconds, now));
  if (due.length === 0) return { reAlerted: 0 };
  await sql.transaction(async (tx) => {
    for (const row of due) queuePendingDelivery(tx, row, now);
  });
  announceOutboxEvents();
  return { reAlerted: due.length };
}

/**
 * Never store a secret: a Slack webhook URL is one, and a receiver's error text may echo it,
 * or only its path (Slack's "no_service" answers do), so a URL secret's path goes too.
 */
export function redactSecret(text: string, secret: string | null): string {
  if (!secret) return text;
  const parts = [secret];
  try {
    const url = new URL(secret);
    if (url.pathname.length > 1) parts.push(url.pathname + url.search);
  } catch {
    // not a URL: the secret itself is all there is to hide
  }
  return parts.reduce((redacted, part) => redacted.split(part).join("[secret]"), text);
}

async function send(delivery: ClaimedDelivery, secret: string | null, config: AppConfig, deps: DispatchDeps, now: Date): Promise<void> {
  const timeoutMs = deps.timeoutMs ?? SEND_TIMEOUT_MS;
  const post = (url: string, headers: Record<string, string>, body: string) => postJson(deps.fetch ?? fetch, url, headers, body, timeoutMs);
  const message: AlertMessage = { id: delivery.eventId, type: delivery.type, title: delivery.title, severity: delivery.severity, tier: delivery.tier, resolves: delivery.resolves, groupKey: delivery.groupKey, occurredAt: new Date(delivery.eventAt), data: delivery.data ?? {} };
  const appUrl = appBaseUrl(config);
  const settings = (delivery.channel.config ?? {}) as Record<string, unknown>;
  switch (delivery.channel.kind) {
    case "slack":
      return post(secret!, { "content-type": "application/json" }, JSON.stringify(slackPayload(message, appUrl)));
    case "pagerduty":
      return post((settings.eventsUrl as string | undefined) ?? "https://events.pagerduty.com/v2/enqueue", { "content-type": "application/json" }, JSON.stringify(pagerDutyPayload(message, secret!, appUrl)));
    case "webhook": {
      const body = webhookBody(message, appUrl);
      return post(settings.url as string, { "content-type": "application/json", ...webhookSignatureHeaders(body, secret!, now) }, body);
    }
    case "github": {
      const api = ((settings.apiUrl as string | undefined) ?? "https://api.github.com").replace(/\/+$/, "");
      const repository = settings.repository as string;
      const pullRequest = Number(message.data.pullRequest);
      const commit = typeof message.data.commitSha === "string" && /^[0-9a-f]{7,40}$/i.test(message.data.commitSha) ? message.data.commitSha : null;
      const path = Number.isInteger(pullRequest) && pullRequest > 0 ? `/repos/${repository}/issues/${pullRequest}/comments` : commit ? `/repos/${repository}/commits/${commit}/comments` : null;
      if (!path) throw new DeliveryFailure("The event names no pull request (data.pullRequest) or commit (data.commitSha) to comment on.", false);
      return post(
        `${api}${path}`,
        { "content-type": "application/json", accept: "application/vnd.github+json", authorization: `Bearer ${secret}`, "x-github-api-version": "2022-11-28" },
        JSON.stringify({ body: githubCommentBody(message, appUrl) }),
      );
    }
    case "email":
      return sendEmail(CHANNEL_SETTINGS.email.parse(settings), secret, emailMessage(message, appUrl), timeoutMs);
  }
}

type EmailSettings = z.output<(typeof CHANNEL_SETTINGS)["email"]>;

/** SMTP through nodemailer. A 4xx reply or a connection problem passes; a 5xx refusal will not. */
async function sendEmail(settings: EmailSettings, password: string | null, mail: { subject: string; text: string }, timeoutMs: number): Promise<void> {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: password ?? "" } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: settings.from, to: settings.to, subject: mail.subject, text: mail.text });
  } catch (error) {
    const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
    const retryable = responseCode === undefined ? true : responseCode >= 400 && responseCode < 500;
    throw new DeliveryFailure(`SMTP ${responseCode ?? code ?? "error"}: ${message ?? String(error)}`, retryable);
  } finally {
    transport.close();
  }
}

async function postJson(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : `could not connect (${(error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : "error")})`;
    throw new DeliveryFailure(reason, true);
  }
  if (response.ok) return;
  const detail = (await response.text().catch(() => "")).slice(0, 300);
  // 429 and 5xx are the receiver's trouble and pass; other 4xx (a revoked webhook, a wrong key) will not.
  throw new DeliveryFailure(`answered ${response.status}${detail ? `: ${detail}` : ""}`, response.status === 429 || response.status >= 500);
}

/**
 * "Send test": a sample alert straight to one channel (no route, no outbox), with the result
 * kept on the channel. The answer never contains the secret.
 */
export async function sendTestAlert(channelId: string, now: Date, deps: DispatchDeps = {}): Promise<{ ok: boolean; result: string }> {
  const sql = await getSql();
  const [channel] = await sql.query<ClaimedDelivery["channel"]>(
    `SELECT "id", "name", "kind"::text AS "kind", "config", "secretCiphertext", "secretEnvVar" FROM "NotificationChannel" WHERE "id" = $1`,
    [channelId],
  );
  if (!channel) throw new NotFound("Channel");
  const config = deps.config ?? getConfig();
  const delivery: ClaimedDelivery = {
    id: "test",
    attempts: 1,
    eventId: `test-${now.getTime()}`,
    type: "test",
    groupKey: `test:${channelId}`,
    severity: "info",
    tier: null,
    resolves: false,
    title: `Test alert from self-healing-ops to ${channel.name}`,
    data: { reason: "Sent from Alerts → Send test; no action needed." },
    eventAt: now,
    channel,
  };
  let secret: string | null = null;
  let outcome: { ok: boolean; result: string };
  try {
    secret = channelSecret(channel, config);
    await send(delivery, secret, config, deps, now);
    outcome = { ok: true, result: "sent" };
  } catch (error) {
    outcome = { ok: false, result: redactSecret(error instanceof Error ? error.message : String(error), secret).slice(0, 500) };
  }
  await sql.execute(`UPDATE "NotificationChannel" SET "lastTestAt" = $2, "lastTestResult" = $3 WHERE "id" = $1`, [channelId, now, outcome.result]);
  return outcome;
}
