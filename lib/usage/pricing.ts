// Cost of one request from its usage: every token class at its own rate, the long-context tier
// the prompt reached, the service tier the provider billed. Prices are resolved in full when an
// org snapshot is built (lib/usage/price-book.ts), so this runs on plain numbers. A model
// without a price is "unpriced", which is not the same as free: callers decide what it means.
import type { Usage } from "@/lib/providers/types";
import { canonicalPriceKey, resolveCatalogPrice } from "@/lib/usage/price-catalog";

/** USD per 1M tokens for each class, every one resolved (no "same as" left to apply). */
export type ClassRates = {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok: number;
  cacheWrite5mPerMTok: number;
  cacheWrite1hPerMTok: number;
  reasoningPerMTok: number;
  audioInputPerMTok: number;
  audioOutputPerMTok: number;
};

/** Rates that replace the base ones when the whole prompt is above `aboveInputTokens`. */
export type LongContextTier = ClassRates & { aboveInputTokens: number };

export type Price = ClassRates & {
  /** USD per 1,000 web search calls. */
  webSearchPerKCalls: number;
  /** Ascending by threshold; the highest one the prompt exceeds applies to every class. */
  tiers: readonly LongContextTier[];
  /** Service tier as the provider reports it (`flex`, `priority`) → the rates billed for it. */
  serviceTiers: Readonly<Record<string, ClassRates>>;
  orgSpecific: boolean;
  /** The catalog model the price came from (null for an org price on a model the catalog lacks). */
  catalogModel: string | null;
};

/**
 * The org snapshot's map first (every routed model, every org price under its exact and its
 * canonical id), then the shipped catalog, memoised: a Map get for every routed model.
 */
export function findPrice(prices: ReadonlyMap<string, Price>, provider: string, model: string): Price | null {
  return prices.get(`${provider}/${model}`) ?? prices.get(canonicalPriceKey(provider, model)) ?? resolveCatalogPrice(provider, model);
}

/** The rates one request is billed at. */
export function ratesFor(price: Price, inputTokens: number, serviceTier?: string | null): ClassRates {
  const tiered = serviceTier ? price.serviceTiers[serviceTier] : undefined;
  if (tiered) return tiered;
  let rates: ClassRates = price;
  for (const tier of price.tiers) if (inputTokens > tier.aboveInputTokens) rates = tier;
  return rates;
}

const count = (n: number | undefined) => (n !== undefined && Number.isFinite(n) && n > 0 ? n : 0);

export function costOf(price: Price, usage: Usage): number {
  const rates = ratesFor(price, usage.inputTokens, usage.serviceTier);
  // Every class is a part of its total: take each out of what is left, so a reader that
  // over-reports one class can never make the sum exceed the total.
  let input = count(usage.inputTokens);
  const take = (n: number | undefined) => {
    const part = Math.min(count(n), input);
    input -= part;
    return part;
  };
  const cacheRead = take(usage.cachedInputTokens);
  const write5m = take(usage.cacheWrite5mTokens);
  const write1h = take(usage.cacheWrite1hTokens);
  const audioIn = take(usage.audioInputTokens);
  let output = count(usage.outputTokens);
  const takeOut = (n: number | undefined) => {
    const part = Math.min(count(n), output);
    output -= part;
    return part;
  };
  const reasoning = takeOut(usage.reasoningTokens);
  const audioOut = takeOut(usage.audioOutputTokens);
  const tokens =
    input * rates.inputPerMTok +
    cacheRead * rates.cachedInputPerMTok +
    write5m * rates.cacheWrite5mPerMTok +
    write1h * rates.cacheWrite1hPerMTok +
    audioIn * rates.audioInputPerMTok +
    output * rates.outputPerMTok +
    reasoning * rates.reasoningPerMTok +
    audioOut * rates.audioOutputPerMTok;
  return tokens / 1_000_000 + (count(usage.webSearchRequests) * price.webSearchPerKCalls) / 1_000;
}

const INPUT_CLASSES = ["inputPerMTok", "cachedInputPerMTok", "cacheWrite5mPerMTok", "cacheWrite1hPerMTok", "audioInputPerMTok"] as const;
const OUTPUT_CLASSES = ["outputPerMTok", "reasoningPerMTok", "audioOutputPerMTok"] as const;

/**
 * The dearest rates a request could be billed at, for reserving its worst case before it is
 * sent: every input token as the most expensive input class (a 1-hour cache write), every output
 * token as the most expensive output class, at the long-context tier a prompt of up to
 * `maxInputTokens` could reach, and at the service tier the request asks for.
 */
export function reservationRates(price: Price, maxInputTokens: number, requestedServiceTier?: string | null): { inputPerMTok: number; outputPerMTok: number } {
  const sets: ClassRates[] = [price, ...price.tiers.filter((t) => maxInputTokens > t.aboveInputTokens)];
  const tiered = requestedServiceTier ? price.serviceTiers[requestedServiceTier] : undefined;
  if (tiered) sets.push(tiered);
  let inputPerMTok = 0;
  let outputPerMTok = 0;
  for (const s of sets) {
    for (const c of INPUT_CLASSES) inputPerMTok = Math.max(inputPerMTok, s[c]);
    for (const c of OUTPUT_CLASSES) outputPerMTok = Math.max(outputPerMTok, s[c]);
  }
  return { inputPerMTok, outputPerMTok };
}
