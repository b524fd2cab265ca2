-- CreateEnum
CREATE TYPE "OutboxHandlingStatus" AS ENUM ('pending', 'done', 'dead');

-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN     "sourceKey" TEXT;

-- AlterTable
ALTER TABLE "RemediationJob" ADD COLUMN     "idempotencyKey" TEXT;

-- AlterTable
ALTER TABLE "RuleEvaluation" ADD COLUMN     "outboxEventId" TEXT;

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "streamKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "sentryTrace" TEXT,
    "baggage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxHandling" (
    "seq" BIGSERIAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "consumer" TEXT NOT NULL,
    "streamKey" TEXT NOT NULL,
    "status" "OutboxHandlingStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxHandling_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "OutboxEvent_createdAt_idx" ON "OutboxEvent"("createdAt");

-- CreateIndex
CREATE INDEX "OutboxHandling_status_consumer_availableAt_idx" ON "OutboxHandling"("status", "consumer", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxHandling_consumer_streamKey_status_seq_idx" ON "OutboxHandling"("consumer", "streamKey", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxHandling_eventId_consumer_key" ON "OutboxHandling"("eventId", "consumer");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEvent_sourceKey_key" ON "AlertEvent"("sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "RemediationJob_idempotencyKey_key" ON "RemediationJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "RuleEvaluation_outboxEventId_idx" ON "RuleEvaluation"("outboxEventId");

-- AddForeignKey
ALTER TABLE "OutboxHandling" ADD CONSTRAINT "OutboxHandling_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "OutboxEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

