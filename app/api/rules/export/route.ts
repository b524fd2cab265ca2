import { apiRoute, json } from "@/lib/http";
import { exportRules } from "@/lib/rules";

/** Every active rule as an importable JSON document. */
export const GET = apiRoute({ role: "admin" }, async () => json(await exportRules(), 200, { "Content-Disposition": `attachment; filename="rules-${new Date().toISOString().slice(0, 10)}.json"` }));
