-- AlterTable
ALTER TABLE "VirtualKey" ADD COLUMN     "maxChildKeys" INTEGER,
ADD COLUMN     "parentKeyId" TEXT,
ADD COLUMN     "runId" TEXT;

-- CreateIndex
CREATE INDEX "VirtualKey_parentKeyId_status_idx" ON "VirtualKey"("parentKeyId", "status");

-- AddForeignKey
ALTER TABLE "VirtualKey" ADD CONSTRAINT "VirtualKey_parentKeyId_fkey" FOREIGN KEY ("parentKeyId") REFERENCES "VirtualKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
