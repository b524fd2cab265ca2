import { z } from "zod";
import { getDb, type DeliveryStatus, type Prisma } from "@/lib/db";
import { NotFound } from "@/lib/errors";

export const DELIVERY_STATUSES = ["received", "processed", "duplicate", "unhandled", "failed"] as const satisfies readonly DeliveryStatus[];
/** The Sentry-Hook-Resource values Sentry documents for integration webhooks. */
export const DELIVERY_RESOURCES = ["installation", "issue", "event_alert", "metric_alert", "error", "comment", "seer"] as const;
/** Only these can be applied again: a processed or duplicate delivery already took effect. */
export const REPROCESSABLE_STATUSES: readonly DeliveryStatus[] = ["failed", "unhandled"];

const DELIVERY_PAGE_SIZE_MAX = 100;
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export function encodeDeliveryCursor(receivedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([receivedAt.toISOString(), id])).toString("base64url");
}

function decodeDeliveryCursor(text: string): { receivedAt: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (typeof at !== "string" || typeof id !== "string" || Number.isNaN(Date.parse(at))) return null;
    return { receivedAt: new Date(at), id };
  } catch {
    return null;
  }
}

/** Query parameters of `GET /api/deliveries` and the deliveries page. */
export const deliveryListQuery = z.object({
  status: z.preprocess(blankToUndefined, z.enum(DELIVERY_STATUSES, { message: `must be one of ${DELIVERY_STATUSES.join(", ")}` }).optional()),
  resource: z.preprocess(blankToUndefined, z.string().trim().regex(/^[a-z_]{1,40}$/, { message: "must be a Sentry-Hook-Resource such as issue or event_alert" }).optional()),
  cursor: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(200)
      .transform((text, ctx) => decodeDeliveryCursor(text) ?? (ctx.addIssue({ code: "custom", message: "is not a cursor from this API" }), z.NEVER))
      .optional(),
  ),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "must be a number" })
      .int({ message: "must be a whole number" })
      .min(1, { message: `must be 1 to ${DELIVERY_PAGE_SIZE_MAX}` })
      .max(DELIVERY_PAGE_SIZE_MAX, { message: `must be 1 to ${DELIVERY_PAGE_SIZE_MAX}` })
      .default(50),
  ),
});
export type DeliveryListQuery = z.output<typeof deliveryListQuery>;

export interface DeliveryListItem {
  id: string;
  receivedAt: string;
  processedAt: string | null;
  sentAt: string | null;
  resource: string;
  action: string | null;
  status: DeliveryStatus;
  error: string | null;
  attempts: number;
  signatureOk: boolean;
  requestId: string | null;
  entityId: string | null;
  issue: { id: string; shortId: string | null; title: string } | null;
  reprocessable: boolean;
}

export interface DeliveryPage {
  deliveries: DeliveryListItem[];
  nextCursor: string | null;
}

export interface DeliveryDetail extends DeliveryListItem {
  /** The headers kept at intake; never the signature. */
  headers: Record<string, string>;
  rawBody: string;
  bodySha256: string;
}

const listSelect = {
  id: true,
  receivedAt: true,
  processedAt: true,
  sentAt: true,
  resource: true,
  action: true,
  status: true,
  error: true,
  attempts: true,
  signatureOk: true,
  requestId: true,
  entityId: true,
  issue: { select: { id: true, shortId: true, title: true } },
} satisfies Prisma.WebhookDeliverySelect;

type ListRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof listSelect }>;

function listItem(row: ListRow): DeliveryListItem {
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
    sentAt: row.sentAt?.toISOString() ?? null,
    resource: row.resource,
    action: row.action,
    status: row.status,
    error: row.error,
    attempts: row.attempts,
    signatureOk: row.signatureOk,
    requestId: row.requestId,
    entityId: row.entityId,
    issue: row.issue,
    reprocessable: REPROCESSABLE_STATUSES.includes(row.status),
  };
}

/** Webhook deliveries newest first (by receivedAt, then id), filtered by status and resource. */
export async function listDeliveries(query: DeliveryListQuery): Promise<DeliveryPage> {
  const db = await getDb();
  const { cursor } = query;
  const rows = await db.webhookDelivery.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.resource ? { resource: query.resource } : {}),
      ...(cursor
        ? { receivedAt: { lte: cursor.receivedAt }, OR: [{ receivedAt: { lt: cursor.receivedAt } }, { receivedAt: cursor.receivedAt, id: { lt: cursor.id } }] }
        : {}),
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: listSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { deliveries: page.map(listItem), nextCursor: rows.length > query.limit && last ? encodeDeliveryCursor(last.receivedAt, last.id) : null };
}

/** Intake stores no signature header, but a row written by an older version might: strip it on the way out. */
function safeHeaders(headers: unknown): Record<string, string> {
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) return {};
  return Object.fromEntries(
    Object.entries(headers as Record<string, unknown>)
      .filter(([name]) => !/signature|authorization|cookie/i.test(name))
      .map(([name, value]) => [name, String(value)]),
  );
}

/** One delivery with its kept headers and raw body, for the admin's row expansion. Throws NotFound. */
export async function getDelivery(id: string): Promise<DeliveryDetail> {
  const db = await getDb();
  const row = await db.webhookDelivery.findUnique({ where: { id }, select: { ...listSelect, headers: true, rawBody: true, bodySha256: true } });
  if (!row) throw new NotFound("Delivery");
  return { ...listItem(row), headers: safeHeaders(row.headers), rawBody: row.rawBody, bodySha256: row.bodySha256 };
}
