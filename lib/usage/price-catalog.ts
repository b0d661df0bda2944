// The shipped price catalog: @pydantic/genai-prices' data (current list prices with cache,
// audio, per-call and long-context rates), looked up through each provider's id rules
// (lib/providers/pricing.ts), plus Latch's own rows for models only Latch serves. Refreshing it
// is a dependency bump, or LATCH_PRICE_DATA_FILE pointing at a newer data.json (docs/operations.md).
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { calcPrice, updatePrices, type Provider } from "@pydantic/genai-prices";
import { z } from "zod";
import { env } from "@/lib/env";
import { providerPricing } from "@/lib/providers/pricing";
import { toPrice, type RateRecord } from "@/lib/usage/price-rates";
import type { Price } from "@/lib/usage/pricing";

/** The bundled data: bump together with the dependency (a test checks the version). */
export const BUNDLED_CATALOG = { source: "@pydantic/genai-prices", version: "0.1.8", asOf: "2026-09-23" } as const;

/** Models only Latch serves, in the catalog's own format. */
const LATCH_ROWS: Provider = {
  id: "mock",
  name: "Latch",
  api_pattern: "mock://",
  // The built-in echo model is priced so that budgets and charts behave as with a real model.
  models: [{ id: "echo", match: { equals: "echo" }, prices: { input_mtok: 1, output_mtok: 2 } }],
};

const ProviderData = z
  .array(z.looseObject({ id: z.string(), name: z.string(), api_pattern: z.string(), models: z.array(z.looseObject({ id: z.string() })) }))
  .min(1);

function loadDataFile(path: string): { version: string; asOf: string } {
  const text = readFileSync(path, "utf8");
  const data = ProviderData.parse(JSON.parse(text)) as unknown as Provider[];
  updatePrices(({ setProviderData }) => setProviderData(data));
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 12);
  return { version: `data file ${digest}`, asOf: env.LATCH_PRICE_DATA_AS_OF ?? statSync(path).mtime.toISOString().slice(0, 10) };
}

/** What the catalog in use is and how current: shown in the portal and the management API. */
export const PRICE_CATALOG_INFO: { source: string; version: string; asOf: string } = env.LATCH_PRICE_DATA_FILE
  ? { source: BUNDLED_CATALOG.source, ...loadDataFile(env.LATCH_PRICE_DATA_FILE) }
  : BUNDLED_CATALOG;

/**
 * The catalog's price for a model as the provider names it, on a given day (some catalog rows
 * change price on a date). Null when the catalog does not price it: unpriced, never $0.
 */
export function catalogPrice(provider: string, model: string, at: Date = new Date()): Price | null {
  const rules = providerPricing(provider);
  if (!rules) return null;
  for (const id of rules.catalogIds(model)) {
    const found = lookup(rules.catalogProvider, id, at);
    if (!found) continue;
    const price = toPrice(found.record, model, rules, { orgSpecific: false, catalogModel: found.model });
    if (price) return price;
  }
  return null;
}

function lookup(catalogProvider: string, id: string, at: Date): { model: string; record: RateRecord } | null {
  try {
    const options = catalogProvider === LATCH_ROWS.id ? { provider: LATCH_ROWS, timestamp: at } : { providerId: catalogProvider, timestamp: at };
    const found = calcPrice({}, id, options);
    return found ? { model: found.model.id, record: found.model_price as RateRecord } : null;
  } catch {
    // A malformed row in an updated data file prices nothing rather than failing the request.
    return null;
  }
}

const MEMO_MAX = 4_096;
const memo = new Map<string, Price | null>();

/** Memoised catalogPrice for today, bounded: the fallback for models no route names. */
export function resolveCatalogPrice(provider: string, model: string): Price | null {
  const key = `${new Date().toISOString().slice(0, 10)}|${provider}/${model}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const price = catalogPrice(provider, model);
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, price);
  return price;
}

/** The key under which an org price also covers the model's other spellings (dated, regional). */
export function canonicalPriceKey(provider: string, model: string): string {
  return `${provider}/~${providerPricing(provider)?.canonicalId(model) ?? model}`;
}
