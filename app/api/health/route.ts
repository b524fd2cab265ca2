import { pingDatabase } from "@/lib/db";
import { json } from "@/lib/http";

export const runtime = "nodejs";

/** Public liveness: 200 when the app can reach its database, 503 when it cannot. */
export async function GET() {
  const database = await pingDatabase();
  return json({ status: database.ok ? "ok" : "degraded", database }, database.ok ? 200 : 503);
}
