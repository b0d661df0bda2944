-- AlterTable
ALTER TABLE "ToolCallEvent" ADD COLUMN     "findings" JSONB;
