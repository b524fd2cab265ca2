-- AlterEnum
ALTER TYPE "WorkerKind" ADD VALUE 'embedded';

-- AlterTable
ALTER TABLE "RemediationJob" ADD COLUMN     "awaitingCallback" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastHeartbeatAt" TIMESTAMPTZ(3),
ADD COLUMN     "sentryCommentError" TEXT;
