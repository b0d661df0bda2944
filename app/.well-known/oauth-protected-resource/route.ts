// RFC 9728 metadata of the aggregated MCP endpoint, at the root well-known path clients try last.
import { metadataResponse } from "@/lib/mcp/gateway/resource-metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = () => metadataResponse("mcp");
