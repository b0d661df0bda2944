// The prices an org snapshot carries: every routed model resolved once (org price, else the
// catalog) and every org price under its exact and its canonical id, so the hot path is a Map
// get. An org price's empty classes follow the catalog's rules; its tiers keep the catalog's premiums.
import { providerPricing } from "@/lib/providers/pricing";
import { canonicalPriceKey, catalogPrice } from "@/lib/usage/price-catalog";
import { rebase, toPrice, type RateRecord } from "@/lib/usage/price-rates";
import type { Price } from "@/lib/usage/pricing";

type Dec = { toString(): string } | number | null;

/** An org price row as stored (lib/prices): input and output set, every other class optional. */
export type OrgPriceRow = {
  provider: string;
  model: string;
  inputPerMTok: Dec;
  outputPerMTok: Dec;
  cachedInputPerMTok: Dec;
  cacheWrite5mPerMTok?: Dec;
  cacheWrite1hPerMTok?: Dec;
  reasoningPerMTok?: Dec;
  audioInputPerMTok?: Dec;
  audioOutputPerMTok?: Dec;
  webSearchPerKCalls?: Dec;
};

const n = (v: Dec | undefined) => (v === null || v === undefined ? undefined : Number(v));

/** An org row as a Price over the catalog's price for the same model (if any). */
export function orgPrice(row: OrgPriceRow, at: Date = new Date()): Price {
  const rules = providerPricing(row.provider) ?? { catalogProvider: "", catalogIds: () => [], canonicalId: (m: string) => m };
  const catalog = catalogPrice(row.provider, row.model, at);
  const record: RateRecord = {
    input_mtok: n(row.inputPerMTok) ?? 0,
    output_mtok: n(row.outputPerMTok) ?? 0,
    cache_read_mtok: n(row.cachedInputPerMTok),
    cache_write_5m_mtok: n(row.cacheWrite5mPerMTok),
    cache_write_1h_mtok: n(row.cacheWrite1hPerMTok),
    output_reasoning_mtok: n(row.reasoningPerMTok),
    input_audio_mtok: n(row.audioInputPerMTok),
    output_audio_mtok: n(row.audioOutputPerMTok),
    // A per-call price is no token rate to derive from: unset, the catalog's applies.
    web_searches_kcount: n(row.webSearchPerKCalls) ?? catalog?.webSearchPerKCalls,
  };
  const own = toPrice(record, row.model, rules, { orgSpecific: true, catalogModel: null })!;
  return rebase(own, catalog);
}

/**
 * `rows` oldest first (a later effective date supersedes); `routed` the provider/model pairs
 * the org's routes name. Models neither routed nor priced by the org fall to the catalog lookup.
 */
export function buildPriceBook(
  rows: readonly OrgPriceRow[],
  routed: readonly { provider: string; model: string }[],
  at: Date = new Date(),
): Map<string, Price> {
  const book = new Map<string, Price>();
  for (const row of rows) {
    const price = orgPrice(row, at);
    book.set(`${row.provider}/${row.model}`, price);
    book.set(canonicalPriceKey(row.provider, row.model), price);
  }
  for (const { provider, model } of routed) {
    const key = `${provider}/${model}`;
    if (book.has(key)) continue;
    const price = book.get(canonicalPriceKey(provider, model)) ?? catalogPrice(provider, model, at);
    if (price) book.set(key, price);
  }
  return book;
}
