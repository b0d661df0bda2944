// RFC 9728 metadata of /mcp and /mcp/{server}, at the path-inserted well-known URL (§3.1).
import { metadataResponse } from "@/lib/mcp/gateway/resource-metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ resource: string[] }> };
export const GET = async (_request: Request, { params }: Context) => metadataResponse((await params).resource.join("/"));
