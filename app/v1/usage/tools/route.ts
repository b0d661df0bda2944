import { mcpServersApi } from "@/lib/mcp/api/handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = mcpServersApi.usage;
