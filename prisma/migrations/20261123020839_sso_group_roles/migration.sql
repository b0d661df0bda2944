-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "groupRoleMappings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "shareKeysWithMembers" BOOLEAN NOT NULL DEFAULT false;
