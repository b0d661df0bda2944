// Cost from the price catalog (USD per 1M tokens). A model without a price is "unpriced",
// which is not the same as free: callers decide what unpriced means for budgets.
import type { Usage } from "@/lib/providers/types";

export type Price = {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok: number | null;
  orgSpecific: boolean;
};

export function findPrice(prices: ReadonlyMap<string, Price>, provider: string, model: string): Price | null {
  return prices.get(`${provider}/${model}`) ?? null;
}

export function costOf(price: Price, usage: Usage): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const cachedRate = price.cachedInputPerMTok ?? price.inputPerMTok;
  return ((usage.inputTokens - cached) * price.inputPerMTok + cached * cachedRate + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}
