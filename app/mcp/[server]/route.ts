import { handleMcpRequest } from "@/lib/mcp/gateway/handle";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ server: string }> };
const handle = async (request: Request, { params }: Context) => handleMcpRequest(request, (await params).server);
export { handle as GET, handle as POST, handle as DELETE };
