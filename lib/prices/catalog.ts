// The price catalog as the gateway sees it: the shipped public list (lib/usage/price-catalog.ts)
// with this org's overrides on top, plus every routed model that has no price at all. Unpriced
// models are refused on keys with a spend limit unless the org allows them (lib/policy/limits.ts).
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { PRICE_CATALOG_EFFECTIVE_FROM } from "@/lib/usage/price-catalog";

export type CatalogRow = {
  provider: string;
  model: string;
  input: number;
  output: number;
  cachedInput: number | null;
  /** The org's own row (editable) or the shipped catalog's. */
  source: "org" | "catalog";
  priceId: string | null;
  routed: boolean;
};

export async function getPriceCatalog({ actor }: { actor: Actor }) {
  requirePermission(actor, "providers.write");
  const [prices, routes, org] = await Promise.all([
    db.modelPrice.findMany({ where: { OR: [{ orgId: null }, { orgId: actor.orgId }], effectiveFrom: { lte: new Date() } }, orderBy: { effectiveFrom: "asc" } }),
    db.modelRoute.findMany({ where: { orgId: actor.orgId }, select: { publicName: true, upstreamModel: true, credential: { select: { provider: true, name: true } } } }),
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { allowUnpricedModels: true } }),
  ]);
  const routed = new Set(routes.map((r) => `${r.credential.provider}/${r.upstreamModel}`));
  const byModel = new Map<string, CatalogRow>();
  for (const p of prices) {
    const id = `${p.provider}/${p.model}`;
    // Later rows supersede earlier ones; an org row always beats the shipped catalog's.
    if (p.orgId === null && byModel.get(id)?.source === "org") continue;
    byModel.set(id, {
      provider: p.provider, model: p.model, input: Number(p.inputPerMTok), output: Number(p.outputPerMTok),
      cachedInput: p.cachedInputPerMTok === null ? null : Number(p.cachedInputPerMTok),
      source: p.orgId ? "org" : "catalog", priceId: p.orgId ? p.id : null, routed: routed.has(id),
    });
  }
  const unpriced = routes
    .filter((r) => !byModel.has(`${r.credential.provider}/${r.upstreamModel}`))
    .map((r) => ({ provider: r.credential.provider, model: r.upstreamModel, publicName: r.publicName, credential: r.credential.name }));
  const rows = [...byModel.values()].sort((a, b) => Number(b.routed) - Number(a.routed) || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
  return { asOf: PRICE_CATALOG_EFFECTIVE_FROM.toISOString().slice(0, 10), allowUnpricedModels: org.allowUnpricedModels, rows, unpriced };
}
