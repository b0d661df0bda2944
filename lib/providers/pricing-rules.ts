// What a provider declares about pricing: how its model ids map onto the price catalog and the
// billing rules the catalog does not carry. One declaration per provider folder.

export type ProviderPricing = {
  /** The provider's id in the catalog. */
  catalogProvider: string;
  /** Ids to try in the catalog, most specific first; the id as routed always comes first. */
  catalogIds(model: string): string[];
  /** One spelling per model (no date, region or version), so an org price covers every alias. */
  canonicalId(model: string): string;
  /**
   * Cache-write rates as multiples of the input rate, for catalog rows that leave them out
   * (Anthropic's 5-minute and 1-hour writes). Null: a write costs what uncached input does.
   */
  cacheWriteMultiples?(model: string): { write5m: number; write1h: number } | null;
  /** Multiples of the standard rates billed for a service tier the provider reports (OpenAI flex, priority). */
  serviceTierMultiples?(model: string): Readonly<Record<string, number>>;
};

/** `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`; `gpt-4o-2024-08-06` → `gpt-4o`. */
export const withoutDateSuffix = (model: string) => model.replace(/-(?:20\d{6}|20\d{2}-\d{2}-\d{2})$/, "");

/** Distinct, in order. */
export const candidates = (...ids: string[]) => [...new Set(ids.filter(Boolean))];
