import * as Sentry from "@/lib/telemetry";
import { recordAudit } from "@/lib/audit";
import { clientIp, type Actor } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { getDb, getSql, isTransientDatabaseError, newId, Prisma, type SqlRunner } from "@/lib/db";
import { BadRequest, Conflict, NotFound, PayloadTooLarge, RateLimited, Unauthenticated, Unavailable, ValidationFailed } from "@/lib/errors";
import { countFailure, readBodyWithLimit, refuseWhileLimited } from "@/lib/http";
import { announceOutboxEvents } from "@/lib/outbox";
import { applyWebhook, type AppliedWebhook } from "./apply";
import { contentHash, parseWebhook, webhookContentKey, webhookEntityId, type ParsedWebhook } from "./payloads";
import { verifySentrySignature } from "./signature";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Headers worth keeping for replay and debugging; the signature is deliberately not among them. */
const KEPT_HEADERS = ["sentry-hook-resource", "sentry-hook-timestamp", "request-id", "content-type", "user-agent"];

export type DeliveryOutcome = "processed" | "duplicate" | "unhandled" | "failed";

export interface ReceivedDelivery {
  deliveryId: string;
  outcome: DeliveryOutcome;
  error?: string;
}

function hookTimestamp(value: string | null): Date | null {
  if (!value || !/^\d{9,11}(\.\d+)?$/.test(value.trim())) return null;
  return new Date(Number(value) * 1000);
}

/**
 * The webhook route's work. An address that keeps failing the signature is refused for the
 * rest of the minute before its body is read. The refusal is a 503, not a 429: Sentry resends
 * on 503 and drops on 429, so a real delivery from an address someone else got blocked (a
 * forged X-Forwarded-For) comes again later instead of being lost.
 */
export async function receiveSentryWebhookRequest(request: Request): Promise<ReceivedDelivery> {
  const limit = getConfig().rateLimits.webhookRefusalsPerMinute;
  const address = clientIp(request) ?? "unknown";
  try {
    await refuseWhileLimited("webhook-refusals", address, limit, "Too many deliveries with a bad or missing signature from this address: check SENTRY_CLIENT_SECRET, then try again later.");
  } catch (error) {
    if (error instanceof RateLimited) throw new Unavailable(error.message, error.details.retryAfterSeconds);
    throw error;
  }
  try {
    return await receiveSentryWebhook(await readBodyWithLimit(request, MAX_WEBHOOK_BYTES), request.headers);
  } catch (error) {
    if (error instanceof Unauthenticated) await countFailure("webhook-refusals", address, limit);
    throw error;
  }
}

/**
 * The webhook pipeline, strictest check first: size, secret configured, signature (over the
 * raw bytes), resource header, JSON, shape. Then the delivery is stored (and applied) and
 * committed before the answer, so a 2xx always means "stored". Failure to store raises
 * Unavailable (503), the one status (with 504) Sentry retries on.
 */
export async function receiveSentryWebhook(rawBody: Uint8Array, headers: Headers, receivedAt: Date = new Date()): Promise<ReceivedDelivery> {
  if (rawBody.byteLength > MAX_WEBHOOK_BYTES) throw new PayloadTooLarge(MAX_WEBHOOK_BYTES);
  const { clientSecret, allowUnsigned } = getConfig().sentryIntegration;
  if (!clientSecret && !allowUnsigned) {
    throw new Unavailable("Webhook secret not configured: set SENTRY_CLIENT_SECRET to the Sentry integration's Client Secret.");
  }
  const signatureOk = clientSecret ? verifySentrySignature(rawBody, headers.get("sentry-hook-signature"), clientSecret) : false;
  if (clientSecret && !signatureOk) {
    throw new Unauthenticated(
      headers.get("sentry-hook-signature")
        ? "Sentry-Hook-Signature does not match the body: check SENTRY_CLIENT_SECRET."
        : "Sentry-Hook-Signature header is missing.",
    );
  }
  const resource = headers.get("sentry-hook-resource")?.trim();
  if (!resource) throw new BadRequest("Sentry-Hook-Resource header is missing.", "Sentry-Hook-Resource");
  if (!/^[a-z_]{1,64}$/.test(resource)) throw new BadRequest("Sentry-Hook-Resource is not a resource name.", "Sentry-Hook-Resource");

  // PostgreSQL cannot store a NUL in text or jsonb; an event message may hold one. The signature
  // was checked over the raw bytes, so what is stored carries U+FFFD in its place.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(rawBody).replaceAll("\\u0000", "\\uFFFD");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequest("The body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ValidationFailed("body must be a JSON object", "body");
  const parsed = parseWebhook(resource, body);
  if (!parsed.ok) throw new ValidationFailed(parsed.message, parsed.field);

  const webhook = parsed.webhook;
  const action = webhook.payload.action;
  const bodyHash = contentHash(body);
  const entityId = webhookEntityId(webhook);
  const contentKey = webhookContentKey(resource, action, entityId, bodyHash);
  const keptHeaders = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (headers.get(name) ? [[name, headers.get(name)!.slice(0, 500)]] : [])));
  const sentAt = hookTimestamp(headers.get("sentry-hook-timestamp"));

  const delivery: StoredDelivery = {
    id: newId(receivedAt.getTime()),
    resource,
    action,
    requestId: headers.get("request-id")?.slice(0, 200) ?? null,
    contentKey,
    bodySha256: bodyHash,
    headers: keptHeaders,
    rawBody: text,
    signatureOk,
    sentAt,
    entityId,
    receivedAt,
  };
  return storeAndApply(delivery, webhook, sentAt ?? receivedAt);
}

interface StoredDelivery {
  id: string;
  resource: string;
  action: string;
  requestId: string | null;
  contentKey: string;
  bodySha256: string;
  headers: Record<string, string>;
  rawBody: string;
  signatureOk: boolean;
  sentAt: Date | null;
  entityId: string | null;
  receivedAt: Date;
}

/** Thrown inside the applying transaction to roll it back: the same content was already applied. */
class AlreadyApplied extends Error {}

const DELIVERY_COLUMNS = `"id", "resource", "action", "requestId", "contentKey", "bodySha256", "headers", "rawBody", "signatureOk", "sentAt",
       "status", "error", "attempts", "entityId", "issueId", "receivedAt", "processedAt"`;
const DELIVERY_VALUES = `$1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::"DeliveryStatus", $12, 1, $13, $14, $15, now()`;

function deliveryParams(delivery: StoredDelivery, status: DeliveryOutcome, issueId: string | null, error: string | null): unknown[] {
  return [
    delivery.id,
    delivery.resource,
    delivery.action,
    delivery.requestId,
    delivery.contentKey,
    delivery.bodySha256,
    JSON.stringify(delivery.headers),
    delivery.rawBody,
    delivery.signatureOk,
    delivery.sentAt,
    status,
    error,
    delivery.entityId,
    issueId,
    delivery.receivedAt,
  ];
}

/**
 * Applies the delivery and stores it in one transaction — one commit on the hot path. The
 * content key is claimed by the transaction's last statement, together with the delivery row
 * and the writes the change deferred (one round trip): if a resend or a racing copy claimed
 * it first, everything rolls back and this delivery is stored as a duplicate, so each change
 * applies exactly once. (A racing copy waits on the other's uncommitted key, then finds it
 * taken.) If applying fails, the delivery is stored on its own as failed, so it is never
 * lost; only when even that fails is the answer 503 (Sentry retries).
 */
async function storeAndApply(delivery: StoredDelivery, webhook: ParsedWebhook, observedAt: Date): Promise<ReceivedDelivery> {
  let sql: SqlRunner;
  try {
    sql = await getSql();
  } catch (error) {
    Sentry.captureException(error, { tags: { stage: "webhook.persist", resource: delivery.resource } });
    throw new Unavailable("The delivery could not be stored; Sentry will retry it.", 60);
  }
  let applied: AppliedWebhook;
  try {
    applied = await sql.transaction(async (tx) => {
      const result = await applyWebhook(tx, webhook, { deliveryId: delivery.id, observedAt });
      const stored = await tx.queryWithDeferred(
        `WITH claim AS (INSERT INTO "AppliedWebhookContent" ("contentKey", "deliveryId") VALUES ($5, $1) ON CONFLICT ("contentKey") DO NOTHING RETURNING 1)
         INSERT INTO "WebhookDelivery" (${DELIVERY_COLUMNS}) SELECT ${DELIVERY_VALUES} WHERE EXISTS (SELECT 1 FROM claim) RETURNING 1`,
        deliveryParams(delivery, result.status, result.issueId ?? null, null),
      );
      if (stored.length === 0) throw new AlreadyApplied();
      return result;
    });
  } catch (applyError) {
    // The database went away mid-apply (a restart, a failover): storing the delivery as
    // failed would leave it for an admin; a 503 makes Sentry send it again instead.
    if (isTransientDatabaseError(applyError)) throw new Unavailable("The database is unavailable; Sentry will retry this delivery.", 60);
    const duplicate = applyError instanceof AlreadyApplied;
    const reason = duplicate ? null : describeFailure(applyError);
    try {
      await sql.execute(`INSERT INTO "WebhookDelivery" (${DELIVERY_COLUMNS}) VALUES (${DELIVERY_VALUES})`, deliveryParams(delivery, duplicate ? "duplicate" : "failed", null, reason));
    } catch (storeError) {
      Sentry.captureException(storeError, { tags: { stage: "webhook.persist", resource: delivery.resource } });
      throw new Unavailable("The delivery could not be stored; Sentry will retry it.", 60);
    }
    if (duplicate) return { deliveryId: delivery.id, outcome: "duplicate" };
    Sentry.captureException(applyError, { tags: { stage: "webhook.apply", resource: delivery.resource }, extra: { deliveryId: delivery.id } });
    return { deliveryId: delivery.id, outcome: "failed", error: reason! };
  }
  return announce(delivery.id, applied);
}

/**
 * After the commit: wakes the outbox drainers for the events the delivery wrote. Nothing else
 * runs in the request (no rules, alerts or jobs): those are the drainers' work.
 */
function announce(deliveryId: string, applied: AppliedWebhook): ReceivedDelivery {
  if (applied.eventsEmitted) announceOutboxEvents();
  return { deliveryId, outcome: applied.status };
}

/** Applies an already-stored delivery again (reprocessing), updating its row. */
async function reapplyStored(deliveryId: string, webhook: ParsedWebhook, contentKey: string, observedAt: Date): Promise<ReceivedDelivery> {
  const sql = await getSql();
  const finish = (status: DeliveryOutcome, error: string | null) =>
    sql.execute(`UPDATE "WebhookDelivery" SET "status" = $2::"DeliveryStatus", "error" = $3, "processedAt" = now(), "attempts" = "attempts" + 1 WHERE "id" = $1`, [
      deliveryId,
      status,
      error,
    ]);
  let applied: AppliedWebhook;
  try {
    applied = await sql.transaction(async (tx) => {
      const result = await applyWebhook(tx, webhook, { deliveryId, observedAt });
      const updated = await tx.queryWithDeferred(
        `WITH claim AS (INSERT INTO "AppliedWebhookContent" ("contentKey", "deliveryId") VALUES ($2, $1) ON CONFLICT ("contentKey") DO NOTHING RETURNING 1)
         UPDATE "WebhookDelivery" SET "status" = $3::"DeliveryStatus", "error" = NULL, "issueId" = COALESCE($4, "issueId"), "processedAt" = now(), "attempts" = "attempts" + 1
         WHERE "id" = $1 AND EXISTS (SELECT 1 FROM claim) RETURNING 1`,
        [deliveryId, contentKey, result.status, result.issueId ?? null],
      );
      if (updated.length === 0) throw new AlreadyApplied();
      return result;
    });
  } catch (error) {
    if (error instanceof AlreadyApplied) {
      await finish("duplicate", null);
      return { deliveryId, outcome: "duplicate" };
    }
    const reason = describeFailure(error);
    await finish("failed", reason);
    return { deliveryId, outcome: "failed", error: reason };
  }
  return announce(deliveryId, applied);
}

function describeFailure(error: unknown): string {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return `Database error ${error.code}: ${error.message.split("\n").at(-1)}`.slice(0, 1000);
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Re-applies a stored delivery (admins, after fixing whatever made it fail). */
export async function reprocessDelivery(deliveryId: string, actor: Actor): Promise<{ status: string; error?: string | null }> {
  const db = await getDb();
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) throw new NotFound("Delivery");
  if (delivery.status === "processed" || delivery.status === "duplicate") {
    throw new Conflict(`This delivery was already ${delivery.status === "processed" ? "applied" : "applied by an identical delivery"}; only failed or unhandled deliveries can be reprocessed.`);
  }
  const parsed = parseWebhook(delivery.resource, JSON.parse(delivery.rawBody));
  let outcome: ReceivedDelivery;
  if (!parsed.ok) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "failed", error: parsed.message, attempts: { increment: 1 } } });
    outcome = { deliveryId, outcome: "failed", error: parsed.message };
  } else {
    // Free the content key this delivery itself claimed, if any, so it can be applied again.
    await db.appliedWebhookContent.deleteMany({ where: { contentKey: delivery.contentKey, deliveryId } });
    outcome = await reapplyStored(deliveryId, parsed.webhook, delivery.contentKey, delivery.sentAt ?? delivery.receivedAt);
  }
  await recordAudit(db, {
    actor,
    action: "webhook_delivery.reprocessed",
    target: { type: "webhook_delivery", id: deliveryId },
    summary: `${delivery.resource}.${delivery.action ?? "?"} reprocessed: ${outcome.outcome}`,
    before: { status: delivery.status, error: delivery.error },
    after: { status: outcome.outcome, error: outcome.error ?? null },
  });
  return { status: outcome.outcome, error: outcome.error ?? null };
}
