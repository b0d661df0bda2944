// Sets the MCP tool policy of a key, a team or the org. Takes effect on the key's next MCP
// request on every instance (the caches holding it are invalidated).
import { db, type Prisma } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { NotFoundError } from "@/lib/errors";
import { McpPolicy } from "@/lib/mcp/policy/schemas";

export type PolicyTarget = { kind: "key"; keyId: string } | { kind: "team"; teamId: string } | { kind: "org" };

export async function setMcpPolicy({ actor, target, input }: { actor: Actor; target: PolicyTarget; input: McpPolicy }): Promise<McpPolicy> {
  requirePermission(actor, target.kind === "key" ? "keys.write.all" : "mcp.write");
  const policy = McpPolicy.parse(input);
  const value = policy as Prisma.InputJsonValue;
  await db.$transaction(async (tx) => {
    const where = { orgId: actor.orgId };
    const updated =
      target.kind === "key"
        ? await tx.virtualKey.updateMany({ where: { ...where, id: target.keyId }, data: { mcpPolicy: value } })
        : target.kind === "team"
          ? await tx.team.updateMany({ where: { ...where, id: target.teamId }, data: { mcpPolicy: value } })
          : await tx.organization.updateMany({ where: { id: actor.orgId }, data: { mcpPolicy: value } });
    if (updated.count === 0) throw new NotFoundError("not_found", `No such ${target.kind}.`);
    const targetId = target.kind === "key" ? target.keyId : target.kind === "team" ? target.teamId : actor.orgId;
    await recordAudit(tx, actor, { action: "mcp_policy.updated", targetType: target.kind, targetId, after: { mcpPolicy: policy } });
  });
  await publishInvalidation(target.kind === "key" ? { kind: "key", keyId: target.keyId } : { kind: "org", orgId: actor.orgId });
  return policy;
}
