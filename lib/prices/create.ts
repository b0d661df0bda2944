import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { InvalidRequestError } from "@/lib/errors";
import { classColumns, CreatePriceInput, PRICE_PUBLIC_FIELDS, type PriceRecord } from "@/lib/prices/schemas";

/** Takes effect for the next request (metering prices usage when it happens; history keeps its cost). */
export async function createPrice({ actor, input }: { actor: Actor; input: CreatePriceInput }): Promise<PriceRecord> {
  requirePermission(actor, "providers.write");
  const data = CreatePriceInput.parse(input);
  const price = await db.$transaction(async (tx) => {
    const existing = await tx.modelPrice.findFirst({ where: { orgId: actor.orgId, provider: data.provider, model: data.model }, select: { id: true } });
    if (existing) throw new InvalidRequestError("This model already has a price; update it instead.", "model", "already_exists", 409);
    const created = await tx.modelPrice.create({
      data: {
        orgId: actor.orgId,
        provider: data.provider,
        model: data.model,
        inputPerMTok: data.inputUsdPerMillion,
        outputPerMTok: data.outputUsdPerMillion,
        cachedInputPerMTok: data.cachedInputUsdPerMillion,
        ...classColumns(data),
      },
      select: PRICE_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, { action: "price.created", targetType: "price", targetId: created.id, metadata: { ...data } });
    return created;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return price;
}
