-- CreateEnum
CREATE TYPE "TickSlotOutcome" AS ENUM ('succeeded', 'failed');

-- CreateTable
CREATE TABLE "TickSlot" (
    "task" TEXT NOT NULL,
    "slotStart" TIMESTAMPTZ(3) NOT NULL,
    "runner" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "outcome" "TickSlotOutcome",
    "error" TEXT,

    CONSTRAINT "TickSlot_pkey" PRIMARY KEY ("task","slotStart")
);

-- CreateIndex
CREATE INDEX "TickSlot_slotStart_idx" ON "TickSlot"("slotStart");
