// OpenAI model ids in the price catalog, and the service tiers OpenAI bills apart.
import { candidates, withoutDateSuffix, type ProviderPricing } from "../pricing-rules";

/**
 * Priority processing as a multiple of the standard rates, from OpenAI's priority price list
 * (openai.com/api-priority-processing, standard-context prices): e.g. gpt-5 $2.50/$0.25/$20
 * against $1.25/$0.125/$10. Each model's three rates carry the same multiple.
 */
const PRIORITY_MULTIPLES: Readonly<Record<string, number>> = {
  "gpt-5": 2,
  "gpt-5-codex": 2,
  "gpt-5-mini": 1.8,
  "gpt-5.1": 2,
  "gpt-5.1-codex": 2,
  "gpt-5.2": 2,
  "gpt-5.4": 2,
  "gpt-5.4-mini": 2,
  "gpt-4.1": 1.75,
  "gpt-4.1-mini": 1.75,
  "gpt-4.1-nano": 2,
  "gpt-4o": 1.7,
  "gpt-4o-mini": 5 / 3,
  o3: 1.75,
  "o4-mini": 20 / 11,
};

/** Flex processing is billed at the Batch API rates: half the standard ones. */
const FLEX_MULTIPLE = 0.5;

export const openaiPricing: ProviderPricing = {
  catalogProvider: "openai",
  catalogIds: (model) => candidates(model, withoutDateSuffix(model)),
  canonicalId: withoutDateSuffix,
  serviceTierMultiples(model): Record<string, number> {
    const priority = PRIORITY_MULTIPLES[withoutDateSuffix(model)];
    return priority === undefined ? { flex: FLEX_MULTIPLE } : { flex: FLEX_MULTIPLE, priority };
  },
};
