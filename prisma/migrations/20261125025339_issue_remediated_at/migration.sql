-- DropIndex
DROP INDEX "Issue_status_resolvedAt_firstSeen_id_idx";

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "remediatedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Issue_status_resolvedAt_firstSeen_remediatedAt_idx" ON "Issue"("status", "resolvedAt", "firstSeen", "remediatedAt");

-- Hand-written (Prisma does not model triggers): Issue.remediatedAt is the earliest finish of
-- a succeeded job for the issue, kept in the writer's transaction whatever path finished the
-- job (worker, callback, a bulk insert). A statement trigger with a transition table: one
-- grouped UPDATE per statement, and nothing to do for the heartbeats' updates.
CREATE FUNCTION "Issue_remediatedAt_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Issue" i SET "remediatedAt" = LEAST(COALESCE(i."remediatedAt", s."first"), s."first")
    FROM (SELECT "issueId", min("finishedAt") AS "first" FROM new_rows
           WHERE "status" = 'succeeded' AND "issueId" IS NOT NULL AND "finishedAt" IS NOT NULL GROUP BY 1) AS s
   WHERE i."id" = s."issueId" AND (i."remediatedAt" IS NULL OR i."remediatedAt" > s."first");
  RETURN NULL;
END
$$;

CREATE TRIGGER "RemediationJob_remediatedAt_insert" AFTER INSERT ON "RemediationJob"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Issue_remediatedAt_apply"();
CREATE TRIGGER "RemediationJob_remediatedAt_update" AFTER UPDATE ON "RemediationJob"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Issue_remediatedAt_apply"();

-- The jobs already stored.
UPDATE "Issue" i SET "remediatedAt" = s."first"
  FROM (SELECT "issueId", min("finishedAt") AS "first" FROM "RemediationJob"
         WHERE "status" = 'succeeded' AND "issueId" IS NOT NULL AND "finishedAt" IS NOT NULL GROUP BY 1) AS s
 WHERE i."id" = s."issueId";
