import { handleMcpRequest } from "@/lib/mcp/gateway/handle";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = (request: Request) => handleMcpRequest(request, null);
export { handle as GET, handle as POST, handle as DELETE };
