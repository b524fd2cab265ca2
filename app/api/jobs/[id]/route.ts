import { apiRoute, json } from "@/lib/http";
import { getJobDetail } from "@/lib/jobs";

/** One job with its attempts, its first log lines, and links to its rule, parent and follow-ups. */
export const GET = apiRoute<{ id: string }>({ role: "viewer" }, async ({ params }) => json(await getJobDetail(params.id)));
