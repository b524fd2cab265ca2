import * as Sentry from "@/lib/telemetry";
import type { z } from "zod";
import { requireRole, type Principal, type Role } from "@/lib/auth";
import { isTransientDatabaseError } from "@/lib/db";
import { BadRequest, DomainError, PayloadTooLarge, ValidationFailed, type ErrorCode } from "@/lib/errors";

export { countFailure, countRequest, refuseWhileLimited } from "./rate-limit";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation_failed: 422,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: ErrorCode | "internal"; message: string; field?: string };
}

/** Below this size gzip costs more CPU than it saves bytes (the `compression` package's own default). */
const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * A JSON response. Small bodies are marked `no-transform`: `next start` streams route
 * responses without a length, so its compression middleware would otherwise gzip even a
 * 60-byte webhook acknowledgement, a measurable share of intake CPU in `npm run bench:ingest`.
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const small = Buffer.byteLength(text) < COMPRESSION_THRESHOLD_BYTES;
  return new Response(text, {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": small ? "no-store, no-transform" : "no-store", ...headers },
  });
}

/** Maps any thrown value to a response: domain errors by their code, the rest as a 500 reported to Sentry. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error.details.retryAfterSeconds) headers["Retry-After"] = String(error.details.retryAfterSeconds);
    if (error.code === "unauthenticated") headers["WWW-Authenticate"] = 'Bearer realm="ops"';
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details.field ? { field: error.details.field } : {}) } };
    return json(body, STATUS[error.code], headers);
  }
  if (isTransientDatabaseError(error)) {
    return json({ error: { code: "unavailable", message: "The database is unavailable; try again shortly." } } satisfies ErrorBody, 503, { "Retry-After": "5" });
  }
  Sentry.captureException(error);
  console.error(error);
  return json({ error: { code: "internal", message: "Something went wrong on our side; it has been reported." } } satisfies ErrorBody, 500);
}

export const MAX_JSON_BODY_BYTES = 1_000_000;

/** Pure: the path ("a.b.0") of the first string (or key) holding a NUL, which PostgreSQL cannot store, or null. */
export function pathOfNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\0") ? path.join(".") || "body" : null;
  if (!value || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\0")) return [...path, key].join(".");
    const found = pathOfNul(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/** Reads a JSON body (400 when it is not JSON) for a domain function that validates it itself. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyWithLimit(request, MAX_JSON_BODY_BYTES));
  let value: unknown;
  try {
    value = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new BadRequest("The request body is not valid JSON.");
  }
  const nul = text.includes("\\u0000") ? pathOfNul(value) : null;
  if (nul !== null) throw new ValidationFailed(`${nul} must not contain a NUL character (\\u0000)`, nul);
  return value;
}

/** Reads and validates a JSON body: 400 when it is not JSON, 422 naming the field when it is wrong. */
export async function parseJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  return parseInput(schema, await readJsonBody(request));
}

/** Validates query parameters (or any plain value) against a schema. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.infer<Schema> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join(".") : undefined;
  throw new ValidationFailed(field ? `${field} ${issue.message}` : issue.message, field);
}

/** Query parameters; 400 naming the parameter when one holds a NUL, which PostgreSQL cannot compare. */
export function searchParams(request: Request): Record<string, string> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  const nul = pathOfNul(params);
  if (nul !== null) throw new BadRequest(`${nul} must not contain a NUL character (%00)`, nul);
  return params;
}

export interface RouteContext<Params> {
  request: Request;
  principal: Principal;
  params: Params;
}

type Handler<Params> = (context: RouteContext<Params>) => Promise<Response>;

/**
 * Wraps a route handler: authenticates (cookie or bearer token), checks the role, and maps
 * errors to JSON responses. `role: "public"` skips authentication.
 */
export function apiRoute<Params = Record<string, never>>(
  access: { role: Role },
  handler: Handler<Params>,
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const principal = await requireRole(request, access.role);
      return await handler({ request, principal, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** For the few routes anyone may call (health, setup, sign-in). */
export function publicRoute<Params = Record<string, never>>(
  handler: (context: { request: Request; params: Params }) => Promise<Response>,
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler({ request, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Reads a request body as bytes, refusing (413) as soon as it passes `limitBytes` — without
 * buffering the rest, whether or not Content-Length was sent.
 */
export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? 0) > limitBytes) throw new PayloadTooLarge(limitBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
