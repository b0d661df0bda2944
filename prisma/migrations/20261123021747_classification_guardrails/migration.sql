-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "classification" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "classification" JSONB;

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "findings" JSONB;

-- AlterTable
ALTER TABLE "VirtualKey" ADD COLUMN     "sensitivityAction" TEXT;
