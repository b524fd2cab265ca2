-- CreateTable
CREATE TABLE "JobHourlyRollup" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "script" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "JobHourlyRollup_pkey" PRIMARY KEY ("hour","script","status")
);

-- CreateTable
CREATE TABLE "CheckInHourlyRollup" (
    "monitorId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "status" "CheckInStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CheckInHourlyRollup_pkey" PRIMARY KEY ("monitorId","hour","status")
);

-- CreateIndex
CREATE INDEX "Issue_firstSeen_level_idx" ON "Issue"("firstSeen", "level");

-- CreateIndex
CREATE INDEX "Issue_status_count_idx" ON "Issue"("status", "count" DESC);

-- CreateIndex
CREATE INDEX "Issue_status_resolvedAt_firstSeen_id_idx" ON "Issue"("status", "resolvedAt", "firstSeen", "id");

-- CreateIndex
CREATE INDEX "RemediationJob_issueId_status_finishedAt_idx" ON "RemediationJob"("issueId", "status", "finishedAt");

-- CreateIndex
CREATE INDEX "MonitorCheckIn_monitorId_startedAt_status_idx" ON "MonitorCheckIn"("monitorId", "startedAt", "status");

-- DropIndex: covered by the (firstSeen, level) and (monitorId, startedAt, status) indexes above
-- (a B-tree is read backwards as well as forwards).
DROP INDEX "Issue_firstSeen_idx";

-- DropIndex
DROP INDEX "MonitorCheckIn_monitorId_startedAt_idx";

-- Hand-written (Prisma does not model triggers): CheckInHourlyRollup follows every change to
-- MonitorCheckIn in the same transaction. A watermark cannot keep it exact, because check-ins
-- are written backdated (missed runs at their expected time, runs reported with a duration)
-- and in_progress runs change status when they end. Writes to one monitor's check-ins already
-- take turns on the monitor's row lock, so the counters add no new contention. Statement
-- triggers with transition tables: one grouped upsert per statement, however many rows.
CREATE FUNCTION "CheckInHourlyRollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CheckInHourlyRollup" ("monitorId", "hour", "status", "count")
    SELECT "monitorId", date_bin('1 hour', "startedAt", TIMESTAMPTZ 'epoch'), "status", count(*)::int
      FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("monitorId", "hour", "status") DO UPDATE SET "count" = "CheckInHourlyRollup"."count" + EXCLUDED."count";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "CheckInHourlyRollup" ("monitorId", "hour", "status", "count")
    SELECT "monitorId", date_bin('1 hour', "startedAt", TIMESTAMPTZ 'epoch'), "status", sum("delta")::int
      FROM (SELECT "monitorId", "startedAt", "status", 1 AS "delta" FROM new_rows
            UNION ALL
            SELECT "monitorId", "startedAt", "status", -1 FROM old_rows) AS changed
     GROUP BY 1, 2, 3 HAVING sum("delta") <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("monitorId", "hour", "status") DO UPDATE SET "count" = "CheckInHourlyRollup"."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "CheckInHourlyRollup" ("monitorId", "hour", "status", "count")
    SELECT "monitorId", date_bin('1 hour', "startedAt", TIMESTAMPTZ 'epoch'), "status", -count(*)::int
      FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("monitorId", "hour", "status") DO UPDATE SET "count" = "CheckInHourlyRollup"."count" + EXCLUDED."count";
  ELSE
    DELETE FROM "CheckInHourlyRollup";
    RETURN NULL;
  END IF;
  -- Counters that reached zero (a run that changed status, a deleted monitor) go.
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "CheckInHourlyRollup" r
     USING (SELECT DISTINCT "monitorId", date_bin('1 hour', "startedAt", TIMESTAMPTZ 'epoch') AS "hour", "status" FROM old_rows) AS o
     WHERE r."monitorId" = o."monitorId" AND r."hour" = o."hour" AND r."status" = o."status" AND r."count" = 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "MonitorCheckIn_rollup_insert" AFTER INSERT ON "MonitorCheckIn"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "CheckInHourlyRollup_apply"();
CREATE TRIGGER "MonitorCheckIn_rollup_update" AFTER UPDATE ON "MonitorCheckIn"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "CheckInHourlyRollup_apply"();
CREATE TRIGGER "MonitorCheckIn_rollup_delete" AFTER DELETE ON "MonitorCheckIn"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "CheckInHourlyRollup_apply"();
CREATE TRIGGER "MonitorCheckIn_rollup_truncate" AFTER TRUNCATE ON "MonitorCheckIn"
  FOR EACH STATEMENT EXECUTE FUNCTION "CheckInHourlyRollup_apply"();

-- The check-ins already stored. After the triggers: creating them locked MonitorCheckIn
-- against writes until this migration commits, so no check-in is counted twice or missed.
INSERT INTO "CheckInHourlyRollup" ("monitorId", "hour", "status", "count")
SELECT "monitorId", date_bin('1 hour', "startedAt", TIMESTAMPTZ 'epoch'), "status", count(*)::int
  FROM "MonitorCheckIn" GROUP BY 1, 2, 3;
