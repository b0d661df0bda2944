-- CreateEnum
CREATE TYPE "DeprovisionAction" AS ENUM ('revoke', 'suspend');

-- AlterEnum
ALTER TYPE "KeyStatus" ADD VALUE 'suspended';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "scimDeletedAt" TIMESTAMP(3),
ADD COLUMN     "scimExternalId" TEXT,
ADD COLUMN     "scimUserName" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "deprovisionAction" "DeprovisionAction" NOT NULL DEFAULT 'revoke';

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "scimExternalId" TEXT;
