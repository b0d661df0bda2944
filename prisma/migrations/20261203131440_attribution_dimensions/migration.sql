-- AlterEnum
ALTER TYPE "BudgetScope" ADD VALUE 'dimension';

-- AlterTable
ALTER TABLE "Budget" ADD COLUMN     "dimensionName" TEXT,
ADD COLUMN     "dimensionValue" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "hashEndUsers" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "dimensions" JSONB,
ADD COLUMN     "endUser" TEXT;

-- AlterTable
ALTER TABLE "UsageRollup" DROP CONSTRAINT "UsageRollup_pkey",
ADD COLUMN     "dimensionKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "keyKind" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("orgId", "bucket", "keyId", "userId", "teamId", "keyKind", "dimensionKey", "provider", "model", "outcome", "errorCode");

-- AlterTable
ALTER TABLE "UsageRollupDaily" DROP CONSTRAINT "UsageRollupDaily_pkey",
ADD COLUMN     "dimensionKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "keyKind" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "UsageRollupDaily_pkey" PRIMARY KEY ("orgId", "bucket", "keyId", "userId", "teamId", "keyKind", "dimensionKey", "provider", "model", "outcome", "errorCode");

-- AlterTable
ALTER TABLE "VirtualKey" ADD COLUMN     "dimensions" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "requestTags" TEXT[];

-- CreateTable
CREATE TABLE "AttributionDimension" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "values" TEXT[],
    "required" BOOLEAN NOT NULL DEFAULT false,
    "defaultValue" TEXT,
    "teamDefaults" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttributionDimension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AttributionDimension_orgId_name_key" ON "AttributionDimension"("orgId", "name");

-- CreateIndex
CREATE INDEX "Budget_orgId_dimensionName_dimensionValue_idx" ON "Budget"("orgId", "dimensionName", "dimensionValue");

-- CreateIndex
CREATE INDEX "UsageEvent_orgId_keyKind_createdAt_idx" ON "UsageEvent"("orgId", "keyKind", "createdAt");

-- CreateIndex
CREATE INDEX "UsageEvent_orgId_endUser_createdAt_idx" ON "UsageEvent"("orgId", "endUser", "createdAt");

-- AddForeignKey
ALTER TABLE "AttributionDimension" ADD CONSTRAINT "AttributionDimension_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
