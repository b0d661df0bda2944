-- AlterEnum
ALTER TYPE "McpAuthKind" ADD VALUE 'oauth_client_credentials';

-- AlterTable
ALTER TABLE "McpServer" ADD COLUMN     "oauthClientId" TEXT,
ADD COLUMN     "oauthScope" TEXT,
ADD COLUMN     "oauthTokenUrl" TEXT,
ADD COLUMN     "toolPrices" JSONB;
