// Azure OpenAI prices: a route's upstream model is the deployment's model when the credential
// names its deployment, so it is priced as that OpenAI model (Azure's own rows first).
import { openaiPricing } from "../openai/pricing";
import { candidates, type ProviderPricing } from "../pricing-rules";

/** Azure spells 3.5 without the dot (`gpt-35-turbo`). */
const openAISpelling = (model: string) => model.replace(/^gpt-35-/, "gpt-3.5-");

export const azurePricing: ProviderPricing = {
  catalogProvider: "azure",
  catalogIds: (model) => candidates(model, ...openaiPricing.catalogIds(openAISpelling(model))),
  canonicalId: (model) => openaiPricing.canonicalId(openAISpelling(model)),
  serviceTierMultiples: (model) => openaiPricing.serviceTierMultiples?.(openAISpelling(model)) ?? {},
};
