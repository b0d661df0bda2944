// The prices in effect for an org as the gateway resolves them: every routed model and every
// org price, each with all its class rates and long-context tiers, plus every routed model that
// has no price at all. Unpriced models are refused on keys with a spend limit unless the org
// allows them (lib/policy/limits.ts).
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { PRICE_CATALOG_INFO } from "@/lib/usage/price-catalog";
import { buildPriceBook } from "@/lib/usage/price-book";
import type { ClassRates, LongContextTier } from "@/lib/usage/pricing";
import { PRICE_PUBLIC_FIELDS, type PriceRecord } from "@/lib/prices/schemas";

export type CatalogRates = ClassRates & { webSearchPerKCalls: number };

export type CatalogRow = {
  provider: string;
  model: string;
  /** The org's own row (editable) or the shipped catalog's. */
  source: "org" | "catalog";
  priceId: string | null;
  routed: boolean;
  /** The catalog model the id resolved to (a dated or regional id names its base model). */
  catalogModel: string | null;
  rates: CatalogRates;
  longContext: readonly LongContextTier[];
  serviceTiers: (ClassRates & { tier: string })[];
  /** The org row as stored (null classes follow the catalog's rules), for editing. */
  own: PriceRecord | null;
};

export async function getPriceCatalog({ actor }: { actor: Actor }) {
  requirePermission(actor, "providers.write");
  const [prices, routes, org] = await Promise.all([
    db.modelPrice.findMany({
      where: { orgId: actor.orgId, effectiveFrom: { lte: new Date() } },
      orderBy: { effectiveFrom: "asc" },
      select: PRICE_PUBLIC_FIELDS,
    }),
    db.modelRoute.findMany({
      where: { orgId: actor.orgId },
      select: { publicName: true, upstreamModel: true, credential: { select: { provider: true, name: true } } },
    }),
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { allowUnpricedModels: true } }),
  ]);
  const routedModels = routes.map((r) => ({ provider: r.credential.provider, model: r.upstreamModel }));
  const book = buildPriceBook(prices, routedModels);
  const own = new Map(prices.map((p) => [`${p.provider}/${p.model}`, p]));
  const routed = new Set(routedModels.map((r) => `${r.provider}/${r.model}`));
  const rows: CatalogRow[] = [];
  for (const id of new Set([...routed, ...own.keys()])) {
    const price = book.get(id);
    if (!price) continue;
    const slash = id.indexOf("/");
    const row = own.get(id) ?? null;
    rows.push({
      provider: id.slice(0, slash),
      model: id.slice(slash + 1),
      source: price.orgSpecific ? "org" : "catalog",
      priceId: row?.id ?? null,
      routed: routed.has(id),
      catalogModel: price.catalogModel,
      rates: {
        inputPerMTok: price.inputPerMTok,
        outputPerMTok: price.outputPerMTok,
        cachedInputPerMTok: price.cachedInputPerMTok,
        cacheWrite5mPerMTok: price.cacheWrite5mPerMTok,
        cacheWrite1hPerMTok: price.cacheWrite1hPerMTok,
        reasoningPerMTok: price.reasoningPerMTok,
        audioInputPerMTok: price.audioInputPerMTok,
        audioOutputPerMTok: price.audioOutputPerMTok,
        webSearchPerKCalls: price.webSearchPerKCalls,
      },
      longContext: price.tiers,
      serviceTiers: Object.entries(price.serviceTiers).map(([tier, r]) => ({ tier, ...r })),
      own: row,
    });
  }
  const unpriced = routes
    .filter((r) => !book.has(`${r.credential.provider}/${r.upstreamModel}`))
    .map((r) => ({ provider: r.credential.provider, model: r.upstreamModel, publicName: r.publicName, credential: r.credential.name }));
  rows.sort((a, b) => Number(b.routed) - Number(a.routed) || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
  return { catalog: PRICE_CATALOG_INFO, allowUnpricedModels: org.allowUnpricedModels, rows, unpriced };
}
