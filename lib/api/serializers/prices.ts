import { z } from "zod";
import { providerIds } from "@/lib/providers/registry";
import type { CreatePriceInput, PriceRecord, UpdatePriceInput } from "@/lib/prices/schemas";
import { decimal, PageQuery, Timestamp } from "@/lib/api/serializers/common";

const usd = z.number().min(0).max(1_000_000);
const provider = z.enum(providerIds).describe("The provider module the model is served by (`openai` also for OpenAI-compatible servers).");

export const CreatePriceBody = z
  .strictObject({
    model: z.string().trim().min(1).max(200).describe("The provider's model name (a route's `upstream_model`)."),
    provider,
    input_usd_per_million: usd,
    output_usd_per_million: usd,
    cached_input_usd_per_million: usd.nullable().optional().describe("Defaults to the input price."),
  })
  .meta({ title: "CreatePriceRequest" });

export const UpdatePriceBody = z
  .strictObject({ input_usd_per_million: usd.optional(), output_usd_per_million: usd.optional(), cached_input_usd_per_million: usd.nullable().optional() })
  .meta({ title: "UpdatePriceRequest" });

export const ListPricesQuery = PageQuery.extend({ provider: provider.optional(), model: z.string().min(1).max(200).optional() });

export const PriceJson = z
  .object({
    id: z.string(),
    object: z.literal("price"),
    provider: z.string(),
    model: z.string(),
    input_usd_per_million: z.number(),
    output_usd_per_million: z.number(),
    cached_input_usd_per_million: z.number().nullable(),
    effective_from: Timestamp,
    created_at: Timestamp,
  })
  .meta({ title: "Price" });

export const toPriceJson = (p: PriceRecord): z.input<typeof PriceJson> => ({
  id: p.id, object: "price", provider: p.provider, model: p.model,
  input_usd_per_million: decimal(p.inputPerMTok)!, output_usd_per_million: decimal(p.outputPerMTok)!, cached_input_usd_per_million: decimal(p.cachedInputPerMTok),
  effective_from: p.effectiveFrom.toISOString(), created_at: p.createdAt.toISOString(),
});

export const toCreatePriceInput = (b: z.output<typeof CreatePriceBody>): CreatePriceInput => ({
  provider: b.provider, model: b.model, inputUsdPerMillion: b.input_usd_per_million, outputUsdPerMillion: b.output_usd_per_million,
  cachedInputUsdPerMillion: b.cached_input_usd_per_million ?? null,
});

export const toUpdatePriceInput = (priceId: string, b: z.output<typeof UpdatePriceBody>): UpdatePriceInput => ({
  priceId, inputUsdPerMillion: b.input_usd_per_million, outputUsdPerMillion: b.output_usd_per_million, cachedInputUsdPerMillion: b.cached_input_usd_per_million,
});
