// The MCP server clients talk to, on the official SDK: built per request from the request's
// context (sessions live in Redis, not in this object), so any instance can answer any request.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type Progress } from "@modelcontextprotocol/sdk/types.js";
import { callTool } from "@/lib/mcp/gateway/call";
import { visibleTools, type McpContext } from "@/lib/mcp/gateway/context";

export const LATCH_SERVER_INFO = { name: "latch", title: "Latch MCP gateway", version: "1.0.0" };

export function buildServer(ctx: McpContext): Server {
  const instructions =
    ctx.scope === null
      ? "Tools of every MCP server this key may use, named <server>__<tool>. Calls are governed and recorded by Latch."
      : `Tools of the "${ctx.scope}" MCP server, through Latch.`;
  const server = new Server(LATCH_SERVER_INFO, { capabilities: { tools: { listChanged: true } }, instructions });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: visibleTools(ctx) }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const token = request.params._meta?.progressToken;
    const relay =
      token === undefined
        ? undefined
        : (p: Progress) => void extra.sendNotification({ method: "notifications/progress", params: { ...p, progressToken: token } }).catch(() => {});
    return callTool(ctx, request.params, extra.signal, relay);
  });
  return server;
}
