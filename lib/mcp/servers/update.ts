// Changes a registered MCP server. A new URL is SSRF-checked again; a new credential replaces
// the sealed one; the audit log records which fields changed, never the secret.
import { db, Prisma } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { encryptSecret } from "@/lib/security/secret-box";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import { findServerOrThrow } from "@/lib/mcp/servers/queries";
import { authColumns, tokenUrlOf, MCP_SERVER_PUBLIC_FIELDS, UpdateMcpServerInput, type McpServerRecord } from "@/lib/mcp/servers/schemas";
import { dropUpstream } from "@/lib/mcp/upstream/pool";

const shown = (v: unknown) =>
  v === null || v === undefined || v === Prisma.DbNull ? "" : typeof v === "object" && !("toFixed" in v) ? JSON.stringify(v) : String(v);

export async function updateMcpServer({ actor, input }: { actor: Actor; input: UpdateMcpServerInput }): Promise<McpServerRecord> {
  requirePermission(actor, "mcp.write");
  const data = UpdateMcpServerInput.parse(input);
  const before = await findServerOrThrow(actor.orgId, data.serverId);
  if (data.url !== undefined) await assertSafeOutboundUrl(data.url, "url");
  const tokenUrl = tokenUrlOf(data.auth);
  if (tokenUrl) await assertSafeOutboundUrl(tokenUrl, "auth.token_url");
  const changes = {
    ...(data.name !== undefined ? { name: data.name } : {}),
    ...(data.url !== undefined ? { url: data.url } : {}),
    ...(data.enabled !== undefined ? { enabled: data.enabled } : {}),
    ...(data.pricePerCallUsd !== undefined ? { pricePerCallUsd: data.pricePerCallUsd } : {}),
    ...(data.toolPrices !== undefined ? { toolPrices: data.toolPrices ?? Prisma.DbNull } : {}),
  };
  const server = await db.$transaction(async (tx) => {
    const updated = await tx.mcpServer.update({
      where: { id: before.id, orgId: actor.orgId },
      data: { ...changes, ...(data.auth ? authColumns(data.auth, encryptSecret) : {}) },
      select: MCP_SERVER_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, {
      action: "mcp_server.updated",
      targetType: "mcp_server",
      targetId: updated.id,
      metadata: { slug: updated.slug, ...(data.auth ? { credentialChanged: true, authKind: updated.authKind } : {}) },
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, shown(before[k as keyof typeof before])])),
      after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, shown(v)])),
    });
    return updated;
  });
  dropUpstream(server.id);
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return server;
}
