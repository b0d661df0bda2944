// Reads an upstream's tool list and stores it as the server's discovered tools, replacing the
// previous list. Runs on "test connection", on refresh, and when the upstream notifies
// notifications/tools/list_changed.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { db, Prisma } from "@/lib/db";
import { publishInvalidation } from "@/lib/invalidation";

const MAX_TOOLS = 500;

export async function listAllTools(client: Client): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined);
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor && tools.length < MAX_TOOLS);
  return tools.slice(0, MAX_TOOLS);
}

const json = (value: unknown) => (value === undefined || value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));

export async function storeTools(orgId: string, serverId: string, tools: Tool[]): Promise<void> {
  await db.$transaction([
    db.mcpTool.deleteMany({ where: { serverId, orgId } }),
    db.mcpTool.createMany({
      data: tools.map((t) => ({
        orgId,
        serverId,
        name: t.name,
        title: t.title ?? null,
        description: t.description ?? null,
        inputSchema: t.inputSchema as Prisma.InputJsonValue,
        outputSchema: json(t.outputSchema),
        annotations: json(t.annotations),
      })),
    }),
    db.mcpServer.updateMany({ where: { id: serverId, orgId }, data: { toolsRefreshedAt: new Date(), lastError: null } }),
  ]);
  // Every instance's catalog of this org drops its copy, so tools/list shows the change at once.
  await publishInvalidation({ kind: "org", orgId });
}

export async function refreshTools(orgId: string, serverId: string, client: Client): Promise<Tool[]> {
  const tools = await listAllTools(client);
  await storeTools(orgId, serverId, tools);
  return tools;
}
