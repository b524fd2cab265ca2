-- Alert sends and Sentry resolves now run on the outbox (consumers alert-send and
-- loop-resolve). Work in flight at the upgrade gets its outbox event here, in the order it
-- was written, so nothing pending is stranded without a handling.
INSERT INTO "OutboxEvent" ("id", "topic", "streamKey", "payload", "createdAt")
SELECT 'migrated-alert-' || d."id", 'alert.delivery', 'alert:' || d."channelId" || ':' || e."groupKey", jsonb_build_object('deliveryId', d."id"), d."createdAt"
  FROM "AlertDelivery" d JOIN "AlertEvent" e ON e."id" = d."eventId"
 WHERE d."status" IN ('pending', 'sending');

INSERT INTO "OutboxEvent" ("id", "topic", "streamKey", "payload", "createdAt")
SELECT 'migrated-resolve-' || j."id", 'job.resolve_requested', 'job:' || j."id", jsonb_build_object('jobId', j."id"), COALESCE(j."finishedAt", j."updatedAt")
  FROM "RemediationJob" j
 WHERE j."verification" = 'resolving';

INSERT INTO "OutboxHandling" ("eventId", "consumer", "streamKey", "createdAt")
SELECT o."id", CASE o."topic" WHEN 'alert.delivery' THEN 'alert-send' ELSE 'loop-resolve' END, o."streamKey", o."createdAt"
  FROM "OutboxEvent" o
 WHERE o."id" LIKE 'migrated-alert-%' OR o."id" LIKE 'migrated-resolve-%'
 ORDER BY o."createdAt", o."id";

UPDATE "RemediationJob" SET "loopDueAt" = NULL WHERE "verification" = 'resolving';

-- DropIndex
DROP INDEX "AlertDelivery_status_nextAttemptAt_idx";

-- AlterTable
ALTER TABLE "AlertDelivery" DROP COLUMN "nextAttemptAt";
