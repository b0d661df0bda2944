// Bedrock model ids in the price catalog. Bedrock prices cross-region (`us.`, `eu.`, `apac.`)
// and in-region calls of newer Claude models above global (`global.`) ones, so the id as
// routed is tried first, then without its inference-profile ARN and `-v1:0` version.
import { CLAUDE_CACHE_WRITE_MULTIPLES, canonicalClaudeId, isClaude } from "../anthropic/pricing";
import { candidates, type ProviderPricing } from "../pricing-rules";

const REGION_PREFIX = /^(?:us|eu|apac|au|jp|ca|us-gov|global)\./;

/** `arn:aws:bedrock:…:inference-profile/us.anthropic.claude-…` → `us.anthropic.claude-…`. */
const withoutArn = (model: string) => model.replace(/^arn:aws[\w-]*:bedrock:[^/]*\//, "");

const withoutVersion = (model: string) => model.replace(/-v\d+(?::\d+)?$|:\d+$/, "");

/** The model without routing decoration: `us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5`. */
export function canonicalBedrockId(model: string): string {
  const bare = withoutVersion(withoutArn(model).replace(REGION_PREFIX, ""));
  return bare.startsWith("anthropic.") ? canonicalClaudeId(bare.slice("anthropic.".length)) : bare;
}

export const bedrockPricing: ProviderPricing = {
  catalogProvider: "aws",
  catalogIds(model) {
    const profile = withoutArn(model);
    return candidates(model, profile, withoutVersion(profile), profile.replace(REGION_PREFIX, ""));
  },
  canonicalId: canonicalBedrockId,
  cacheWriteMultiples: (model) => (isClaude(model) ? CLAUDE_CACHE_WRITE_MULTIPLES : null),
};
