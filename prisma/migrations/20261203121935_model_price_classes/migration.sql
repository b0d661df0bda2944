-- AlterTable
ALTER TABLE "ModelPrice" ADD COLUMN     "audioInputPerMTok" DECIMAL(18,8),
ADD COLUMN     "audioOutputPerMTok" DECIMAL(18,8),
ADD COLUMN     "cacheWrite1hPerMTok" DECIMAL(18,8),
ADD COLUMN     "cacheWrite5mPerMTok" DECIMAL(18,8),
ADD COLUMN     "reasoningPerMTok" DECIMAL(18,8),
ADD COLUMN     "webSearchPerKCalls" DECIMAL(18,8);

-- The shipped catalog now comes from code (lib/usage/price-catalog.ts), not seeded rows: the
-- old seeded copy (orgId null) would shadow its current prices, so it goes.
DELETE FROM "ModelPrice" WHERE "orgId" IS NULL;
