-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "degradeRules" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "degradeRules" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "VirtualKey" ADD COLUMN     "degradeRules" JSONB NOT NULL DEFAULT '[]';
