-- CreateEnum
CREATE TYPE "KeyRequestKind" AS ENUM ('create', 'update');

-- AlterTable
ALTER TABLE "KeyRequest" ADD COLUMN     "encryptedSecret" TEXT,
ADD COLUMN     "grantedPolicy" JSONB,
ADD COLUMN     "kind" "KeyRequestKind" NOT NULL DEFAULT 'create',
ADD COLUMN     "secretRevealedAt" TIMESTAMP(3),
ADD COLUMN     "targetKeyId" TEXT;

-- CreateIndex
CREATE INDEX "KeyRequest_orgId_requesterId_createdAt_idx" ON "KeyRequest"("orgId", "requesterId", "createdAt");

-- AddForeignKey
ALTER TABLE "KeyRequest" ADD CONSTRAINT "KeyRequest_targetKeyId_fkey" FOREIGN KEY ("targetKeyId") REFERENCES "VirtualKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
