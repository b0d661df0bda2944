import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getDimensionOrThrow } from "@/lib/attribution/queries";

/**
 * Removes a dimension and the budgets on its values. Recorded usage keeps the values it was
 * attributed to; keys keep theirs in storage, where nothing reads them any more.
 */
export async function deleteDimension({ actor, id }: { actor: Actor; id: string }): Promise<{ id: string; name: string }> {
  requirePermission(actor, "org.write");
  const removed = await db.$transaction(async (tx) => {
    const current = await getDimensionOrThrow(tx, actor.orgId, id);
    await tx.budget.deleteMany({ where: { orgId: actor.orgId, scope: "dimension", dimensionName: current.name } });
    await tx.attributionDimension.delete({ where: { id: current.id, orgId: actor.orgId } });
    await recordAudit(tx, actor, { action: "dimension.deleted", targetType: "dimension", targetId: current.id, metadata: { name: current.name } });
    return { id: current.id, name: current.name };
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return removed;
}
