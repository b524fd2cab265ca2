import { z } from "zod";
import { listAuditEntries } from "@/lib/audit";
import { apiRoute, json, parseInput, searchParams } from "@/lib/http";

const auditQuery = z.object({
  limit: z.coerce.number({ message: "must be a number" }).int().min(1, { message: "must be 1 to 200" }).max(200, { message: "must be 1 to 200" }).default(50),
  cursor: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
});

export const GET = apiRoute({ role: "admin" }, async ({ request }) => {
  const query = parseInput(auditQuery, searchParams(request));
  return json(await listAuditEntries(query));
});
