import { actorOf, clientIp } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { apiRoute, json, publicRoute } from "@/lib/http";
import { requireCronSecret, runCronTick } from "@/lib/worker";

export const runtime = "nodejs";
// Vercel's limit for the function; the tick's own budget (CRON_TICK_BUDGET_SECONDS, 50) stays under it.
export const maxDuration = 60;

/** Vercel Cron, every minute (vercel.json), with `Authorization: Bearer $CRON_SECRET`. */
export const GET = publicRoute(async ({ request }) => {
  requireCronSecret(request.headers.get("authorization"));
  return json(await runCronTick());
});

/** "Run tick now" for admins, from Workers: not a scheduled pass, so no monitor check-in. */
export const POST = apiRoute({ role: "admin" }, async ({ request, principal }) => {
  const summary = await runCronTick({ checkIn: false });
  await recordAudit(await getDb(), { actor: actorOf(principal, clientIp(request)), action: "cron.tick_triggered", summary: `Tick ran ${summary.jobs.claimed} job(s) in ${summary.durationMs} ms` });
  return json(summary);
});
