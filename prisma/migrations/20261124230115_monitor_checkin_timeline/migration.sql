-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN     "tokenPrefix" TEXT;

-- CreateIndex
CREATE INDEX "MonitorCheckIn_monitorId_startedAt_idx" ON "MonitorCheckIn"("monitorId", "startedAt" DESC);
