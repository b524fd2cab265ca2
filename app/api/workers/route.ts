import { apiRoute, json } from "@/lib/http";
import { listWorkers } from "@/lib/worker";

export const GET = apiRoute({ role: "viewer" }, async () => json({ workers: await listWorkers() }));
