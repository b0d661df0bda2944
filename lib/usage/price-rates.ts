// Turns a catalog price record (genai-prices' `input_mtok`, `cache_write_1h_mtok`, tiered
// `{base, tiers}` values …) into Latch's resolved Price: every class a number, long-context
// tiers as whole rate sets, provider rules filling what the record leaves out.
import type { ProviderPricing } from "@/lib/providers/pricing-rules";
import type { ClassRates, LongContextTier, Price } from "@/lib/usage/pricing";

type Tiered = { base: number; tiers: readonly { start: number; price: number }[] };
/** A catalog price record: price key → USD per unit, flat or tiered by the prompt's size. */
export type RateRecord = Readonly<Record<string, number | Tiered | undefined>>;

const isTiered = (v: unknown): v is Tiered => typeof v === "object" && v !== null && "base" in v && "tiers" in v;

/** The rate of one key for a prompt just above `threshold` tokens (0: the base rate). */
function rateAt(value: number | Tiered | undefined, threshold: number): number | undefined {
  if (value === undefined || !isTiered(value)) return value;
  let rate = value.base;
  for (const t of value.tiers) if (threshold >= t.start) rate = t.price;
  return rate;
}

type Rules = Pick<ProviderPricing, "cacheWriteMultiples" | "serviceTierMultiples">;

function classRates(record: RateRecord, threshold: number, model: string, rules: Rules): ClassRates | null {
  const at = (key: string) => rateAt(record[key], threshold);
  const input = at("input_mtok");
  if (input === undefined) return null;
  const output = at("output_mtok") ?? 0;
  const writes = rules.cacheWriteMultiples?.(model) ?? null;
  const write5m = at("cache_write_5m_mtok") ?? at("cache_write_mtok") ?? (writes ? input * writes.write5m : input);
  return {
    inputPerMTok: input,
    outputPerMTok: output,
    cachedInputPerMTok: at("cache_read_mtok") ?? input,
    cacheWrite5mPerMTok: write5m,
    cacheWrite1hPerMTok: at("cache_write_1h_mtok") ?? (writes ? input * writes.write1h : write5m),
    reasoningPerMTok: at("output_reasoning_mtok") ?? output,
    audioInputPerMTok: at("input_audio_mtok") ?? input,
    audioOutputPerMTok: at("output_audio_mtok") ?? output,
  };
}

const CLASSES = [
  "inputPerMTok",
  "outputPerMTok",
  "cachedInputPerMTok",
  "cacheWrite5mPerMTok",
  "cacheWrite1hPerMTok",
  "reasoningPerMTok",
  "audioInputPerMTok",
  "audioOutputPerMTok",
] as const satisfies readonly (keyof ClassRates)[];

export function scaleRates(rates: ClassRates, by: (c: keyof ClassRates) => number): ClassRates {
  const out = {} as ClassRates;
  for (const c of CLASSES) out[c] = rates[c] * by(c);
  return out;
}

const pickRates = (p: ClassRates): ClassRates => scaleRates(p, () => 1);

/** The provider's service tiers as rate sets derived from the standard ones. */
export function serviceTiersOf(base: ClassRates, model: string, rules: Rules): Record<string, ClassRates> {
  const tiers: Record<string, ClassRates> = {};
  for (const [tier, multiple] of Object.entries(rules.serviceTierMultiples?.(model) ?? {})) tiers[tier] = scaleRates(base, () => multiple);
  return tiers;
}

/** A catalog record as a Price; null when it has no input rate (the catalog does not price it). */
export function toPrice(record: RateRecord, model: string, rules: Rules, meta: { orgSpecific: boolean; catalogModel: string | null }): Price | null {
  const base = classRates(record, 0, model, rules);
  if (!base) return null;
  const starts = new Set<number>();
  for (const v of Object.values(record)) if (isTiered(v)) for (const t of v.tiers) starts.add(t.start);
  const tiers: LongContextTier[] = [...starts].sort((a, b) => a - b).map((start) => ({ ...classRates(record, start, model, rules)!, aboveInputTokens: start }));
  const webSearch = rateAt(record.web_searches_kcount, 0) ?? 0;
  return { ...base, webSearchPerKCalls: webSearch, tiers, serviceTiers: serviceTiersOf(base, model, rules), ...meta };
}

/**
 * An org's own base rates over the catalog's shape: long-context tiers keep the catalog's
 * premium for each class (Sonnet's 2x input above 200k stays 2x of the org's rate).
 */
export function rebase(own: Price, catalog: Price | null): Price {
  if (!catalog) return own;
  const ratio = (tier: ClassRates, c: keyof ClassRates) => (catalog[c] === 0 ? 1 : tier[c] / catalog[c]);
  const tiers = catalog.tiers.map((t) => ({ ...scaleRates(pickRates(own), (c) => ratio(t, c)), aboveInputTokens: t.aboveInputTokens }));
  return { ...own, tiers, catalogModel: catalog.catalogModel };
}

/** A price with one input and one output rate and no provider rules (every other class at those). */
export function flatPrice(inputPerMTok: number, outputPerMTok: number): Price {
  return toPrice({ input_mtok: inputPerMTok, output_mtok: outputPerMTok }, "", {}, { orgSpecific: false, catalogModel: null })!;
}
