// Read verbs for MCP servers and their discovered tools.
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { findServerOrThrow, listServers, listServerTools } from "@/lib/mcp/servers/queries";

export async function listMcpServers({ actor, take = 100, after }: { actor: Actor; take?: number; after?: string }) {
  requirePermission(actor, "mcp.read");
  return listServers(actor.orgId, take, after);
}

export async function getMcpServer({ actor, serverId }: { actor: Actor; serverId: string }) {
  requirePermission(actor, "mcp.read");
  return findServerOrThrow(actor.orgId, serverId);
}

export async function listMcpServerTools({ actor, serverId }: { actor: Actor; serverId: string }) {
  requirePermission(actor, "mcp.read");
  const server = await findServerOrThrow(actor.orgId, serverId);
  return { server, tools: await listServerTools(actor.orgId, server.id) };
}
