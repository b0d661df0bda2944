-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "billingStatus" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "graceUntil" TIMESTAMP(3),
ADD COLUMN     "meterReportedThrough" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "orgId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);
