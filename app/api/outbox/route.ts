import { apiRoute, json } from "@/lib/http";
import { getOutboxStatus } from "@/lib/outbox";

/** The pipeline's health: backlog and lag per consumer, and dead handlings. */
export const GET = apiRoute({ role: "viewer" }, async () => json(await getOutboxStatus()));
