import { z } from "zod";
import { providerIds } from "@/lib/providers/registry";

const usd = z.coerce.number().min(0, "Cannot be negative.").max(1_000_000);
const optionalUsd = z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v), usd.nullable());

/** One price row (USD per 1M tokens; web search per 1,000 calls); empty optional rates follow the catalog's rules. */
export const PriceForm = z
  .object({
    provider: z.enum(providerIds),
    model: z.string().trim().min(1).max(200),
    input: usd,
    output: usd,
    cachedInput: optionalUsd,
    cacheWrite5m: optionalUsd,
    cacheWrite1h: optionalUsd,
    reasoning: optionalUsd,
    audioInput: optionalUsd,
    audioOutput: optionalUsd,
    webSearch: optionalUsd,
  })
  .transform((f) => ({
    provider: f.provider,
    model: f.model,
    inputUsdPerMillion: f.input,
    outputUsdPerMillion: f.output,
    cachedInputUsdPerMillion: f.cachedInput,
    cacheWrite5mUsdPerMillion: f.cacheWrite5m,
    cacheWrite1hUsdPerMillion: f.cacheWrite1h,
    reasoningUsdPerMillion: f.reasoning,
    audioInputUsdPerMillion: f.audioInput,
    audioOutputUsdPerMillion: f.audioOutput,
    webSearchUsdPerThousand: f.webSearch,
  }));
