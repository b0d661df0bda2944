-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "degradedBy" TEXT,
ADD COLUMN     "requestedModel" TEXT;

-- AlterTable
ALTER TABLE "UsageRollup" ADD COLUMN     "degradedRequests" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "UsageRollupDaily" ADD COLUMN     "degradedRequests" INTEGER NOT NULL DEFAULT 0;
