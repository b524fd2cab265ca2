-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "sentAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "AppliedWebhookContent" (
    "contentKey" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppliedWebhookContent_pkey" PRIMARY KEY ("contentKey")
);
