// The MCP server clients talk to, on the official SDK: built per request from the request's
// context (sessions live in Redis, not in this object), so any instance can answer any request.
// Tools come from the stored catalog; prompts, resources and completions are asked of the
// upstreams; log messages an upstream sends while serving a request are relayed to its client.
import { Server, type ServerOptions } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  ErrorCode,
  McpError,
  type Progress,
} from "@modelcontextprotocol/sdk/types.js";
import { callTool } from "@/lib/mcp/gateway/call";
import { visibleTools, type McpContext } from "@/lib/mcp/gateway/context";
import { logRelay, setLogLevel } from "@/lib/mcp/gateway/logging";
import { complete, getPrompt, listPrompts } from "@/lib/mcp/gateway/prompts";
import { listResources, listResourceTemplates, readResource } from "@/lib/mcp/gateway/resources";
import { subscribe, unsubscribe } from "@/lib/mcp/gateway/subscriptions";
import { askClient } from "@/lib/mcp/gateway/client-requests";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { RequestId } from "@modelcontextprotocol/sdk/types.js";

/** Relays an upstream's sampling or elicitation request to this client, if it declared that capability. */
function clientAsker(ctx: McpContext, transport: Transport, relatedRequestId: RequestId) {
  return async (method: "sampling/createMessage" | "elicitation/create", params: unknown, signal: AbortSignal) => {
    const capability = method === "sampling/createMessage" ? "sampling" : "elicitation";
    if (!ctx.sessionId || !ctx.session?.clientCapabilities?.[capability])
      throw new McpError(ErrorCode.InvalidRequest, `The client does not support ${capability} (it did not declare it).`);
    return askClient({ sessionId: ctx.sessionId, transport, relatedRequestId, method, params, signal });
  };
}

export const LATCH_SERVER_INFO = { name: "latch", title: "Latch MCP gateway", version: "1.0.0" };

const CAPABILITIES: ServerOptions["capabilities"] = {
  tools: { listChanged: true },
  prompts: { listChanged: true },
  resources: { listChanged: true, subscribe: true },
  completions: {},
  logging: {},
};

export function buildServer(ctx: McpContext, transport: Transport): Server {
  const instructions =
    ctx.scope === null
      ? "Tools and prompts of every MCP server this key may use, named <server>__<name>; resources as <server>+<uri>. Calls are governed and recorded by Latch."
      : `Tools, prompts and resources of the "${ctx.scope}" MCP server, through Latch.`;
  const server = new Server(LATCH_SERVER_INFO, { capabilities: CAPABILITIES, instructions });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: visibleTools(ctx) }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const token = request.params._meta?.progressToken;
    const relay =
      token === undefined
        ? undefined
        : (p: Progress) => void extra.sendNotification({ method: "notifications/progress", params: { ...p, progressToken: token } }).catch(() => {});
    return callTool(ctx, request.params, extra.signal, relay, { ...logRelay(ctx, extra), askClient: clientAsker(ctx, transport, extra.requestId) });
  });
  server.setRequestHandler(ListPromptsRequestSchema, (request, extra) => listPrompts(ctx, request.params?.cursor, extra.signal));
  server.setRequestHandler(GetPromptRequestSchema, (request, extra) => getPrompt(ctx, request.params, logRelay(ctx, extra), extra.signal));
  server.setRequestHandler(ListResourcesRequestSchema, (request, extra) => listResources(ctx, request.params?.cursor, extra.signal));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, (request, extra) => listResourceTemplates(ctx, request.params?.cursor, extra.signal));
  server.setRequestHandler(ReadResourceRequestSchema, (request, extra) => readResource(ctx, request.params, logRelay(ctx, extra), extra.signal));
  server.setRequestHandler(SubscribeRequestSchema, (request, extra) => subscribe(ctx, request.params.uri, extra.signal));
  server.setRequestHandler(UnsubscribeRequestSchema, (request, extra) => unsubscribe(ctx, request.params.uri, extra.signal));
  server.setRequestHandler(CompleteRequestSchema, (request, extra) => complete(ctx, request.params, extra.signal));
  server.setRequestHandler(SetLevelRequestSchema, (request) => setLogLevel(ctx, request.params.level));
  return server;
}
