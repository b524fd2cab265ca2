import { EmbeddedDatabaseBusyError } from "./embedded";

// SQLSTATE classes and codes that mean "the server went away or is not ready", not "this
// statement is wrong": 08 connection exceptions, 57P01-57P03 shutdown / crash / starting up,
// 53300 too many connections. Node's socket errors and Prisma's reachability codes alike.
const TRANSIENT_CODES = new Set(["57P01", "57P02", "57P03", "53300", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "P1001", "P1002", "P1017", "P2024"]);
const TRANSIENT_MESSAGES = [/connection terminated/i, /connection error and is not queryable/i, /timeout exceeded when trying to connect/i, /server closed the connection/i, /not queryable/i];

/**
 * Pure: whether an error means the database was unreachable for a moment (restart, failover,
 * network), so the request is worth retrying, as opposed to a fault in the request or the
 * data. Looks through `cause` chains, where Prisma's driver adapters keep the original error.
 */
export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  if (error instanceof EmbeddedDatabaseBusyError) return true;
  const { code, originalCode, message, cause } = error as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown };
  for (const value of [code, originalCode]) {
    if (typeof value === "string" && (TRANSIENT_CODES.has(value) || value.startsWith("08"))) return true;
  }
  if (typeof message === "string" && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isTransientDatabaseError(cause, depth + 1);
}
