// Vertex AI model ids in the price catalog: Claude ids carry `@version`, publisher paths may
// come in full (`publishers/anthropic/models/…`).
import { CLAUDE_CACHE_WRITE_MULTIPLES, canonicalClaudeId, isClaude } from "../anthropic/pricing";
import { candidates, type ProviderPricing } from "../pricing-rules";

const withoutPath = (model: string) => model.replace(/^.*\/models\//, "").replace(/^google\//, "");
const withoutVersion = (model: string) => model.replace(/@.*$/, "");

export function canonicalVertexId(model: string): string {
  const bare = withoutVersion(withoutPath(model));
  return isClaude(bare) ? canonicalClaudeId(bare) : bare;
}

export const vertexPricing: ProviderPricing = {
  catalogProvider: "google",
  catalogIds: (model) => candidates(model, withoutPath(model), canonicalVertexId(model)),
  canonicalId: canonicalVertexId,
  cacheWriteMultiples: (model) => (isClaude(model) ? CLAUDE_CACHE_WRITE_MULTIPLES : null),
};
