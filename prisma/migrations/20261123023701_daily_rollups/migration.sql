-- CreateTable
CREATE TABLE "UsageRollupDaily" (
    "bucket" TIMESTAMP(3) NOT NULL,
    "orgId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL DEFAULT '',
    "userId" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL DEFAULT '',
    "provider" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "outcome" "UsageOutcome" NOT NULL,
    "errorCode" TEXT NOT NULL DEFAULT '',
    "requests" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "unpricedRequests" INTEGER NOT NULL DEFAULT 0,
    "latencyMsSum" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollupDaily_pkey" PRIMARY KEY ("orgId","bucket","keyId","userId","teamId","provider","model","outcome","errorCode")
);

-- CreateIndex
CREATE INDEX "UsageRollupDaily_orgId_bucket_idx" ON "UsageRollupDaily"("orgId", "bucket");

-- AddForeignKey
ALTER TABLE "UsageRollupDaily" ADD CONSTRAINT "UsageRollupDaily_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
