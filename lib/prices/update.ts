import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getPriceOrThrow } from "@/lib/prices/list";
import { classColumns, PRICE_PUBLIC_FIELDS, UpdatePriceInput, type PriceRecord } from "@/lib/prices/schemas";

export async function updatePrice({ actor, input }: { actor: Actor; input: UpdatePriceInput }): Promise<PriceRecord> {
  requirePermission(actor, "providers.write");
  const { priceId, inputUsdPerMillion, outputUsdPerMillion, cachedInputUsdPerMillion, ...classes } = UpdatePriceInput.parse(input);
  const current = await getPriceOrThrow(actor, priceId);
  const price = await db.$transaction(async (tx) => {
    const updated = await tx.modelPrice.update({
      where: { id: current.id, orgId: actor.orgId },
      data: { inputPerMTok: inputUsdPerMillion, outputPerMTok: outputUsdPerMillion, cachedInputPerMTok: cachedInputUsdPerMillion, ...classColumns(classes) },
      select: PRICE_PUBLIC_FIELDS,
    });
    const to = { inputUsdPerMillion, outputUsdPerMillion, cachedInputUsdPerMillion, ...classes };
    await recordAudit(tx, actor, {
      action: "price.updated",
      targetType: "price",
      targetId: current.id,
      metadata: { provider: current.provider, model: current.model, to },
    });
    return updated;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return price;
}
