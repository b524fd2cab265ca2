-- CreateEnum
CREATE TYPE "LoopVerification" AS ENUM ('resolving', 'verifying', 'verified', 'ineffective', 'resolve_failed');

-- AlterTable
ALTER TABLE "RemediationJob" ADD COLUMN     "issueResolvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "resolveAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "verification" "LoopVerification",
ADD COLUMN     "verificationNote" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "loopDueAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "RemediationJob_verification_loopDueAt_idx" ON "RemediationJob"("verification", "loopDueAt");

-- CreateIndex
CREATE INDEX "RemediationJob_issueId_verification_idx" ON "RemediationJob"("issueId", "verification");
