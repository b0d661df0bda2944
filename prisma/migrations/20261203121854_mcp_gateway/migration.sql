-- CreateEnum
CREATE TYPE "McpAuthKind" AS ENUM ('none', 'bearer', 'header');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "mcpPolicy" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "mcpPolicy" JSONB;

-- AlterTable
ALTER TABLE "VirtualKey" ADD COLUMN     "mcpPolicy" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "McpServer" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "transport" TEXT NOT NULL DEFAULT 'streamable_http',
    "authKind" "McpAuthKind" NOT NULL DEFAULT 'none',
    "authHeader" TEXT,
    "encryptedSecret" TEXT,
    "secretLast4" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "pricePerCallUsd" DECIMAL(18,8),
    "toolsRefreshedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "McpServer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "McpTool" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "description" TEXT,
    "inputSchema" JSONB NOT NULL,
    "outputSchema" JSONB,
    "annotations" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "McpTool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ToolCallEvent" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "keyId" TEXT,
    "userId" TEXT,
    "teamId" TEXT,
    "serverId" TEXT,
    "serverSlug" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "errorCode" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "bytesIn" INTEGER NOT NULL,
    "bytesOut" INTEGER NOT NULL,
    "costUsd" DECIMAL(18,8),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ToolCallEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "McpServer_orgId_slug_key" ON "McpServer"("orgId", "slug");

-- CreateIndex
CREATE INDEX "McpTool_orgId_idx" ON "McpTool"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "McpTool_serverId_name_key" ON "McpTool"("serverId", "name");

-- CreateIndex
CREATE INDEX "ToolCallEvent_orgId_createdAt_idx" ON "ToolCallEvent"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "ToolCallEvent_keyId_createdAt_idx" ON "ToolCallEvent"("keyId", "createdAt");

-- CreateIndex
CREATE INDEX "ToolCallEvent_serverId_createdAt_idx" ON "ToolCallEvent"("serverId", "createdAt");

-- AddForeignKey
ALTER TABLE "McpServer" ADD CONSTRAINT "McpServer_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "McpTool" ADD CONSTRAINT "McpTool_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ToolCallEvent" ADD CONSTRAINT "ToolCallEvent_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
