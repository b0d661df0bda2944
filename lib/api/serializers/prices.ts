import { z } from "zod";
import { providerIds } from "@/lib/providers/registry";
import { CLASS_COLUMNS, CLASS_FIELDS, type ClassField, type CreatePriceInput, type PriceRecord, type UpdatePriceInput } from "@/lib/prices/schemas";
import { decimal, PageQuery, Timestamp } from "@/lib/api/serializers/common";
import type { getPriceCatalog } from "@/lib/prices/catalog";

const usd = z.number().min(0).max(1_000_000);

/** Wire name of each optional class rate; null or absent means the catalog's rule for the class. */
const CLASS_WIRE = {
  cacheWrite5mUsdPerMillion: "cache_write_5m_usd_per_million",
  cacheWrite1hUsdPerMillion: "cache_write_1h_usd_per_million",
  reasoningUsdPerMillion: "reasoning_usd_per_million",
  audioInputUsdPerMillion: "audio_input_usd_per_million",
  audioOutputUsdPerMillion: "audio_output_usd_per_million",
  webSearchUsdPerThousand: "web_search_usd_per_thousand",
} as const satisfies Record<ClassField, string>;
type ClassWire = (typeof CLASS_WIRE)[ClassField];

const CLASS_DOCS: Record<ClassWire, string> = {
  cache_write_5m_usd_per_million: "5-minute cache writes; defaults to the provider's rule (Claude: 1.25x input), else the input price.",
  cache_write_1h_usd_per_million: "1-hour cache writes; defaults to the provider's rule (Claude: 2x input), else the 5-minute price.",
  reasoning_usd_per_million: "Reasoning tokens (part of output); defaults to the output price.",
  audio_input_usd_per_million: "Audio input tokens; defaults to the input price.",
  audio_output_usd_per_million: "Audio output tokens; defaults to the output price.",
  web_search_usd_per_thousand: "USD per 1,000 web search calls; defaults to the catalog's price for the model, else 0.",
};

const classBody = (optional: boolean) =>
  Object.fromEntries(Object.values(CLASS_WIRE).map((w) => [w, (optional ? usd.nullable().optional() : usd.nullable()).describe(CLASS_DOCS[w])])) as Record<
    ClassWire,
    z.ZodOptional<z.ZodNullable<typeof usd>>
  >;

const fromWire = (b: Partial<Record<ClassWire, number | null>>) =>
  Object.fromEntries(CLASS_FIELDS.map((f) => [f, b[CLASS_WIRE[f]]])) as Record<ClassField, number | null | undefined>;
const provider = z.enum(providerIds).describe("The provider module the model is served by (`openai` also for OpenAI-compatible servers).");

export const CreatePriceBody = z
  .strictObject({
    model: z.string().trim().min(1).max(200).describe("The provider's model name (a route's `upstream_model`)."),
    provider,
    input_usd_per_million: usd,
    output_usd_per_million: usd,
    cached_input_usd_per_million: usd.nullable().optional().describe("Defaults to the input price."),
    ...classBody(true),
  })
  .meta({ title: "CreatePriceRequest" });

export const UpdatePriceBody = z
  .strictObject({
    input_usd_per_million: usd.optional(),
    output_usd_per_million: usd.optional(),
    cached_input_usd_per_million: usd.nullable().optional(),
    ...classBody(true),
  })
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
    ...(Object.fromEntries(Object.values(CLASS_WIRE).map((w) => [w, z.number().nullable().describe(CLASS_DOCS[w])])) as Record<
      ClassWire,
      z.ZodNullable<z.ZodNumber>
    >),
    effective_from: Timestamp,
    created_at: Timestamp,
  })
  .meta({ title: "Price" });

export const toPriceJson = (p: PriceRecord): z.input<typeof PriceJson> => ({
  id: p.id,
  object: "price",
  provider: p.provider,
  model: p.model,
  input_usd_per_million: decimal(p.inputPerMTok)!,
  output_usd_per_million: decimal(p.outputPerMTok)!,
  cached_input_usd_per_million: decimal(p.cachedInputPerMTok),
  ...(Object.fromEntries(CLASS_FIELDS.map((f) => [CLASS_WIRE[f], decimal(p[CLASS_COLUMNS[f]])])) as Record<ClassWire, number | null>),
  effective_from: p.effectiveFrom.toISOString(),
  created_at: p.createdAt.toISOString(),
});

export const toCreatePriceInput = (b: z.output<typeof CreatePriceBody>): CreatePriceInput => ({
  provider: b.provider,
  model: b.model,
  inputUsdPerMillion: b.input_usd_per_million,
  outputUsdPerMillion: b.output_usd_per_million,
  cachedInputUsdPerMillion: b.cached_input_usd_per_million ?? null,
  ...Object.fromEntries(Object.entries(fromWire(b)).map(([f, v]) => [f, v ?? null])),
});

export const toUpdatePriceInput = (priceId: string, b: z.output<typeof UpdatePriceBody>): UpdatePriceInput => ({
  priceId,
  inputUsdPerMillion: b.input_usd_per_million,
  outputUsdPerMillion: b.output_usd_per_million,
  cachedInputUsdPerMillion: b.cached_input_usd_per_million,
  ...fromWire(b),
});

const Rates = z.object({
  input_usd_per_million: z.number(),
  cached_input_usd_per_million: z.number(),
  cache_write_5m_usd_per_million: z.number(),
  cache_write_1h_usd_per_million: z.number(),
  output_usd_per_million: z.number(),
  reasoning_usd_per_million: z.number(),
  audio_input_usd_per_million: z.number(),
  audio_output_usd_per_million: z.number(),
});

export const PriceCatalogJson = z
  .object({
    object: z.literal("price_catalog"),
    source: z.string().describe("Where the shipped list prices come from."),
    version: z.string().describe("The catalog's version (the library version, or a data file's digest)."),
    as_of: z.string().describe("The date the catalog's prices are current as of (YYYY-MM-DD)."),
    models: z
      .array(
        Rates.extend({
          provider: z.string(),
          model: z.string(),
          source: z.enum(["org", "catalog"]),
          routed: z.boolean(),
          catalog_model: z.string().nullable().describe("The catalog model the id resolved to."),
          web_search_usd_per_thousand: z.number(),
          long_context: z
            .array(Rates.extend({ above_input_tokens: z.number().int() }))
            .describe("Rates for every class once the prompt exceeds the threshold."),
          service_tiers: z.record(z.string(), Rates).describe("Rates billed when the provider reports this service tier."),
        }),
      )
      .describe("Every routed model and every org price, with the rates in effect."),
    unpriced: z.array(z.object({ provider: z.string(), model: z.string(), public_name: z.string() })).describe("Routed models without a price."),
  })
  .meta({ title: "PriceCatalog" });

type RatesIn = {
  inputPerMTok: number;
  cachedInputPerMTok: number;
  cacheWrite5mPerMTok: number;
  cacheWrite1hPerMTok: number;
  outputPerMTok: number;
  reasoningPerMTok: number;
  audioInputPerMTok: number;
  audioOutputPerMTok: number;
};
const toRatesJson = (r: RatesIn): z.input<typeof Rates> => ({
  input_usd_per_million: r.inputPerMTok,
  cached_input_usd_per_million: r.cachedInputPerMTok,
  cache_write_5m_usd_per_million: r.cacheWrite5mPerMTok,
  cache_write_1h_usd_per_million: r.cacheWrite1hPerMTok,
  output_usd_per_million: r.outputPerMTok,
  reasoning_usd_per_million: r.reasoningPerMTok,
  audio_input_usd_per_million: r.audioInputPerMTok,
  audio_output_usd_per_million: r.audioOutputPerMTok,
});

export const toPriceCatalogJson = (c: Awaited<ReturnType<typeof getPriceCatalog>>): z.input<typeof PriceCatalogJson> => ({
  object: "price_catalog",
  source: c.catalog.source,
  version: c.catalog.version,
  as_of: c.catalog.asOf,
  models: c.rows.map((r) => ({
    provider: r.provider,
    model: r.model,
    source: r.source,
    routed: r.routed,
    catalog_model: r.catalogModel,
    ...toRatesJson(r.rates),
    web_search_usd_per_thousand: r.rates.webSearchPerKCalls,
    long_context: r.longContext.map((t) => ({ above_input_tokens: t.aboveInputTokens, ...toRatesJson(t) })),
    service_tiers: Object.fromEntries(r.serviceTiers.map((t) => [t.tier, toRatesJson(t)])),
  })),
  unpriced: c.unpriced.map((u) => ({ provider: u.provider, model: u.model, public_name: u.publicName })),
});
