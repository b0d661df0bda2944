import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getPriceOrThrow } from "@/lib/prices/list";

/** The model falls back to the global catalog price, if it has one. */
export async function deletePrice({ actor, priceId }: { actor: Actor; priceId: string }): Promise<void> {
  requirePermission(actor, "providers.write");
  const price = await getPriceOrThrow(actor, priceId);
  await db.$transaction(async (tx) => {
    await tx.modelPrice.delete({ where: { id: price.id, orgId: actor.orgId } });
    await recordAudit(tx, actor, {
      action: "price.deleted",
      targetType: "price",
      targetId: price.id,
      metadata: { provider: price.provider, model: price.model },
    });
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
}
