// What one MCP request runs with: the authenticated key, its org, the org's MCP catalog and the
// compiled policies that apply, plus the endpoint's scope (one server, or all of them).
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import { toolVerdict, type CompiledMcpPolicy } from "@/lib/mcp/policy/compile";
import type { CatalogServer, McpCatalog } from "@/lib/mcp/gateway/catalog";
import { namespaced, splitName } from "@/lib/mcp/gateway/names";
import type { SessionRecord } from "@/lib/mcp/gateway/sessions";

export type McpContext = {
  requestId: string;
  key: CachedKey;
  org: OrgSnapshot;
  catalog: McpCatalog;
  keyPolicy: CompiledMcpPolicy;
  policies: CompiledMcpPolicy[];
  /** A server slug for /mcp/{server}; null for the aggregated /mcp. */
  scope: string | null;
  sessionId: string | null;
  /** The session's record, when the request belongs to one (its log level, for instance). */
  session: SessionRecord | null;
};

export function serversInScope(ctx: McpContext): CatalogServer[] {
  const all = [...ctx.catalog.servers.values()];
  return ctx.scope === null ? all : all.filter((s) => s.slug === ctx.scope);
}

/** Only what the policies allow is listed: a tool the key may not call is not even shown. */
export function visibleTools(ctx: McpContext): Tool[] {
  const tools: Tool[] = [];
  for (const server of serversInScope(ctx))
    for (const tool of server.tools.values())
      if (toolVerdict(ctx.policies, server.slug, tool.name).ok) tools.push(ctx.scope === null ? { ...tool, name: namespaced(server.slug, tool.name) } : tool);
  return tools;
}

export type ResolvedTool = { server: CatalogServer; tool: string };

/** The server and upstream tool name behind a client-facing name, if it exists in scope. */
export function resolveTool(ctx: McpContext, name: string): ResolvedTool | null {
  const parts = ctx.scope === null ? splitName(name) : { server: ctx.scope, tool: name };
  if (!parts) return null;
  const server = ctx.catalog.servers.get(parts.server);
  if (!server || !server.tools.has(parts.tool)) return null;
  return { server, tool: parts.tool };
}
