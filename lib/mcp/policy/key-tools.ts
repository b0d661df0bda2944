// The MCP tools a self-service key may use: its policy's allowedTools, set by the key-request
// path (within the guardrails, or as an approver granted) without touching the rest of the
// policy an admin may have set (denied tools, limits). Callers have already checked the grant.
import { db, type Prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { NotFoundError } from "@/lib/errors";
import { McpPolicy, readMcpPolicy } from "@/lib/mcp/policy/schemas";

export async function writeKeyTools(tx: Prisma.TransactionClient, actor: Actor, keyId: string, tools: readonly string[]): Promise<void> {
  const row = await tx.virtualKey.findFirst({ where: { id: keyId, orgId: actor.orgId }, select: { mcpPolicy: true } });
  if (!row) throw new NotFoundError("not_found", "No such key.");
  const { allowedTools: _previous, ...rest } = readMcpPolicy(row.mcpPolicy);
  const policy = McpPolicy.parse(tools.length ? { ...rest, allowedTools: [...tools] } : rest);
  await tx.virtualKey.update({ where: { id: keyId }, data: { mcpPolicy: policy as Prisma.InputJsonValue } });
  await recordAudit(tx, actor, { action: "mcp_policy.updated", targetType: "key", targetId: keyId, after: { mcpPolicy: policy } });
}

/** Sets them in a transaction of its own and tells every instance at once. */
export async function setKeyTools(actor: Actor, keyId: string, tools: readonly string[]): Promise<void> {
  await db.$transaction((tx) => writeKeyTools(tx, actor, keyId, tools));
  await publishInvalidation({ kind: "key", keyId });
}
