-- AlterTable
ALTER TABLE "RuleEvaluation" ADD COLUMN     "metricAlertIncidentId" TEXT,
ADD COLUMN     "ruleRevision" INTEGER,
ALTER COLUMN "issueId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "RuleEvaluation_metricAlertIncidentId_createdAt_idx" ON "RuleEvaluation"("metricAlertIncidentId", "createdAt");

-- AddForeignKey
ALTER TABLE "RuleEvaluation" ADD CONSTRAINT "RuleEvaluation_metricAlertIncidentId_fkey" FOREIGN KEY ("metricAlertIncidentId") REFERENCES "MetricAlertIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
