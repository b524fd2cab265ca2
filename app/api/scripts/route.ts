import { getConfig } from "@/lib/config";
import { apiRoute, json } from "@/lib/http";
import { scriptCatalog } from "@/lib/jobs";

/** The remediation scripts: description, allowed tiers, defaults, whether configured, and the JSON Schema of their args. */
export const GET = apiRoute({ role: "viewer" }, async () => json({ scripts: scriptCatalog(getConfig()) }));
