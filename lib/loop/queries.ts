import { getSql } from "@/lib/db";
import { loopStages, type LoopJobFacts, type LoopStage, type LoopState } from "./model";

export interface IssueLoop {
  /** The issue's newest remediation job, whose loop the stages show; null before the first. */
  job: { id: string; script: string; status: string; verification: LoopState | null } | null;
  stages: LoopStage[];
}

/** The issue page's loop: detected -> submitted -> ran -> resolved -> verified / ineffective. */
export async function getIssueLoop(issueId: string, now: Date = new Date()): Promise<IssueLoop | null> {
  const sql = await getSql();
  const [row] = await sql.query<{ detectedAt: Date } & Partial<LoopJobFacts> & { jobId: string | null }>(
    `SELECT COALESCE(i."firstSeen", i."createdAt") AS "detectedAt", j."id" AS "jobId", j."status", j."script", j."createdAt", j."startedAt", j."finishedAt",
            j."resolveIssueOnSuccess", j."verification", j."issueResolvedAt", j."loopDueAt", j."verifiedAt", j."verificationNote"
       FROM "Issue" i
       LEFT JOIN LATERAL (SELECT * FROM "RemediationJob" WHERE "issueId" = i."id" ORDER BY "createdAt" DESC LIMIT 1) j ON true
      WHERE i."id" = $1`,
    [issueId],
  );
  if (!row) return null;
  const job = row.jobId ? (row as LoopJobFacts & { jobId: string }) : null;
  return {
    job: job ? { id: job.jobId, script: job.script, status: job.status, verification: job.verification } : null,
    stages: loopStages(row.detectedAt, job, now),
  };
}
