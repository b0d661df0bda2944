// Removes an MCP server and its discovered tools; past tool calls keep their slug for reports.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { findServerOrThrow } from "@/lib/mcp/servers/queries";
import { dropUpstream } from "@/lib/mcp/upstream/pool";

export async function deleteMcpServer({ actor, serverId }: { actor: Actor; serverId: string }): Promise<void> {
  requirePermission(actor, "mcp.write");
  const server = await findServerOrThrow(actor.orgId, serverId);
  await db.$transaction(async (tx) => {
    await tx.mcpServer.delete({ where: { id: server.id, orgId: actor.orgId } });
    await recordAudit(tx, actor, { action: "mcp_server.deleted", targetType: "mcp_server", targetId: server.id, metadata: { slug: server.slug } });
  });
  dropUpstream(server.id);
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
}
