-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "clampFloorTokens" INTEGER NOT NULL DEFAULT 1024,
ALTER COLUMN "clampMaxTokens" SET DEFAULT true;
