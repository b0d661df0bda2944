// Registers an upstream MCP server: URL through the SSRF guard, credential sealed at rest.
import { db, Prisma } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { InvalidRequestError } from "@/lib/errors";
import { encryptSecret } from "@/lib/security/secret-box";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import { authColumns, tokenUrlOf, CreateMcpServerInput, MCP_SERVER_PUBLIC_FIELDS, type McpServerRecord } from "@/lib/mcp/servers/schemas";

export const slugTaken = () => new InvalidRequestError("An MCP server with this slug already exists.", "slug", "already_exists", 409);

export async function createMcpServer({ actor, input }: { actor: Actor; input: CreateMcpServerInput }): Promise<McpServerRecord> {
  requirePermission(actor, "mcp.write");
  const data = CreateMcpServerInput.parse(input);
  await assertSafeOutboundUrl(data.url, "url");
  const tokenUrl = tokenUrlOf(data.auth);
  if (tokenUrl) await assertSafeOutboundUrl(tokenUrl, "auth.token_url");
  const server = await db.$transaction(async (tx) => {
    if (await tx.mcpServer.findFirst({ where: { orgId: actor.orgId, slug: data.slug }, select: { id: true } })) throw slugTaken();
    const created = await tx.mcpServer.create({
      data: {
        orgId: actor.orgId,
        slug: data.slug,
        name: data.name,
        url: data.url,
        enabled: data.enabled,
        pricePerCallUsd: data.pricePerCallUsd,
        toolPrices: data.toolPrices ?? Prisma.DbNull,
        ...authColumns(data.auth, encryptSecret),
      },
      select: MCP_SERVER_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, {
      action: "mcp_server.created",
      targetType: "mcp_server",
      targetId: created.id,
      metadata: { slug: created.slug, url: created.url, authKind: created.authKind },
    });
    return created;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return server;
}
