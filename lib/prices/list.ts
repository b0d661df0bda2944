import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { PRICE_PUBLIC_FIELDS } from "@/lib/prices/schemas";

/** Only the org's own rows: the global catalog (orgId null) is not the org's to change. */
export async function getPriceOrThrow(actor: Actor, priceId: string) {
  const price = await db.modelPrice.findFirst({ where: { id: priceId, orgId: actor.orgId }, select: PRICE_PUBLIC_FIELDS });
  if (!price) throw new NotFoundError("price_not_found", "No such price.", "id");
  return price;
}

export async function getPrice({ actor, priceId }: { actor: Actor; priceId: string }) {
  requirePermission(actor, "providers.write");
  return getPriceOrThrow(actor, priceId);
}

export async function listPrices({ actor, provider, model, take, after }: { actor: Actor; provider?: string; model?: string; take?: number; after?: string }) {
  requirePermission(actor, "providers.write");
  return db.modelPrice.findMany({
    where: { orgId: actor.orgId, ...(provider ? { provider } : {}), ...(model ? { model } : {}) },
    select: PRICE_PUBLIC_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(take ? { take } : {}),
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
}
