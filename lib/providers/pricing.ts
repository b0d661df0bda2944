// How each provider's model ids and billing rules map onto the shipped price catalog
// (@pydantic/genai-prices). Provider knowledge stays here; lib/usage asks by provider id.
import type { ProviderId } from "./registry";
import type { ProviderPricing } from "./pricing-rules";
import { anthropicPricing } from "./anthropic/pricing";
import { azurePricing } from "./azure/pricing";
import { bedrockPricing } from "./bedrock/pricing";
import { geminiPricing } from "./gemini/pricing";
import { mockPricing } from "./mock/pricing";
import { openaiPricing } from "./openai/pricing";
import { vertexPricing } from "./vertex/pricing";

const table: Record<ProviderId, ProviderPricing> = {
  openai: openaiPricing,
  azure: azurePricing,
  gemini: geminiPricing,
  anthropic: anthropicPricing,
  bedrock: bedrockPricing,
  vertex: vertexPricing,
  mock: mockPricing,
};

export function providerPricing(provider: string): ProviderPricing | undefined {
  return Object.hasOwn(table, provider) ? table[provider as ProviderId] : undefined;
}
