-- AlterTable
ALTER TABLE "RemediationJob" ADD COLUMN     "baggage" TEXT,
ADD COLUMN     "sentryTrace" TEXT;
