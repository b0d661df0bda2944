// Gemini API model ids in the price catalog (`models/gemini-2.5-pro` is the same model).
import { candidates, type ProviderPricing } from "../pricing-rules";

const canonical = (model: string) => model.replace(/^models\//, "");

export const geminiPricing: ProviderPricing = {
  catalogProvider: "google",
  catalogIds: (model) => candidates(model, canonical(model)),
  canonicalId: canonical,
};
