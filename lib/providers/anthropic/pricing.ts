// Claude model ids in the price catalog, and Anthropic's cache-write rule, which also holds for
// Claude on Bedrock and Vertex.
import { candidates, withoutDateSuffix, type ProviderPricing } from "../pricing-rules";

/**
 * Prompt-cache writes cost 1.25x the input rate for the 5-minute TTL and 2x for the 1-hour
 * TTL (docs.anthropic.com, prompt caching pricing); reads are priced in the catalog.
 */
export const CLAUDE_CACHE_WRITE_MULTIPLES = { write5m: 1.25, write1h: 2 } as const;

export const isClaude = (model: string) => /(^|[./])claude-/.test(model);

/** `claude-sonnet-4-5-20250929`, `claude-3-5-haiku-latest` → `claude-sonnet-4-5`, `claude-3-5-haiku`. */
export const canonicalClaudeId = (model: string) => withoutDateSuffix(model.replace(/-latest$/, ""));

export const anthropicPricing: ProviderPricing = {
  catalogProvider: "anthropic",
  catalogIds: (model) => candidates(model, canonicalClaudeId(model)),
  canonicalId: canonicalClaudeId,
  cacheWriteMultiples: () => CLAUDE_CACHE_WRITE_MULTIPLES,
};
