// The built-in echo model is in Latch's own catalog rows (lib/usage/price-catalog.ts).
import type { ProviderPricing } from "../pricing-rules";

export const mockPricing: ProviderPricing = {
  catalogProvider: "mock",
  catalogIds: (model) => [model],
  canonicalId: (model) => model,
};
