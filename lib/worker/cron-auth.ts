import { timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { Unauthenticated, Unavailable } from "@/lib/errors";

/**
 * Vercel Cron calls with `Authorization: Bearer $CRON_SECRET` when the variable is set. Without
 * it anyone could run the tick, so the route refuses to work until it is configured.
 */
export function requireCronSecret(authorization: string | null, secret: string | undefined = getConfig().cron.secret): void {
  if (!secret) throw new Unavailable("The cron tick is disabled until CRON_SECRET is set (Vercel sends it as a bearer token with each cron call).");
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
  const expected = Buffer.from(secret);
  const given = Buffer.from(presented ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Unauthenticated("The cron tick needs `Authorization: Bearer $CRON_SECRET`.");
}
