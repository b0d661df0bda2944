-- CreateEnum
CREATE TYPE "KeyKind" AS ENUM ('personal', 'application', 'service', 'agent', 'ci');

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "keyKind" TEXT;

-- AlterTable
ALTER TABLE "VirtualKey" ADD COLUMN     "kind" "KeyKind" NOT NULL DEFAULT 'personal';

-- CreateIndex
CREATE INDEX "VirtualKey_orgId_kind_idx" ON "VirtualKey"("orgId", "kind");
