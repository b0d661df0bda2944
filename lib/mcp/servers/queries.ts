// Reads of MCP servers, always scoped by the caller's org: another org's id is simply not found.
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { MCP_SERVER_PUBLIC_FIELDS, MCP_TOOL_FIELDS } from "@/lib/mcp/servers/schemas";

export async function findServerOrThrow(orgId: string, serverId: string) {
  const server = await db.mcpServer.findFirst({ where: { id: serverId, orgId }, select: MCP_SERVER_PUBLIC_FIELDS });
  if (!server) throw new NotFoundError("mcp_server_not_found", "No such MCP server.", "id");
  return server;
}

export const listServers = (orgId: string, take: number, after?: string) =>
  db.mcpServer.findMany({
    where: { orgId, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take,
    select: MCP_SERVER_PUBLIC_FIELDS,
  });

export const listServerTools = (orgId: string, serverId: string) =>
  db.mcpTool.findMany({ where: { orgId, serverId }, orderBy: { name: "asc" }, select: MCP_TOOL_FIELDS });

/** Everything the gateway needs to reach the server, including the sealed credential. */
export const findServerConnection = (orgId: string, serverId: string) =>
  db.mcpServer.findFirst({
    where: { id: serverId, orgId },
    select: {
      id: true,
      orgId: true,
      slug: true,
      url: true,
      authKind: true,
      authHeader: true,
      encryptedSecret: true,
      oauthTokenUrl: true,
      oauthClientId: true,
      oauthScope: true,
      updatedAt: true,
    },
  });

export type ServerConnectionRow = NonNullable<Awaited<ReturnType<typeof findServerConnection>>>;
