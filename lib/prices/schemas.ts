import { z } from "zod";
import { providerIds } from "@/lib/providers/registry";
import type { Prisma } from "@/lib/generated/prisma/client";

const usdPerMillion = z.number().min(0).max(1_000_000);

/**
 * Rates an org price may set beyond input, output and cached input; null means the catalog's
 * rule for the class (cache writes from input by the provider's multiple, reasoning at output,
 * audio at the text rates, web search at the catalog's per-call price).
 */
export const CLASS_FIELDS = [
  "cacheWrite5mUsdPerMillion",
  "cacheWrite1hUsdPerMillion",
  "reasoningUsdPerMillion",
  "audioInputUsdPerMillion",
  "audioOutputUsdPerMillion",
  "webSearchUsdPerThousand",
] as const;
export type ClassField = (typeof CLASS_FIELDS)[number];

/** Each class field's column (USD per 1M tokens; web search per 1,000 calls). */
export const CLASS_COLUMNS = {
  cacheWrite5mUsdPerMillion: "cacheWrite5mPerMTok",
  cacheWrite1hUsdPerMillion: "cacheWrite1hPerMTok",
  reasoningUsdPerMillion: "reasoningPerMTok",
  audioInputUsdPerMillion: "audioInputPerMTok",
  audioOutputUsdPerMillion: "audioOutputPerMTok",
  webSearchUsdPerThousand: "webSearchPerKCalls",
} as const satisfies Record<ClassField, keyof Prisma.ModelPriceSelect>;

/** The class fields of an input as columns (undefined stays undefined: not changed). */
export function classColumns(input: Partial<Record<ClassField, number | null | undefined>>) {
  return Object.fromEntries(CLASS_FIELDS.map((f) => [CLASS_COLUMNS[f], input[f]])) as Record<(typeof CLASS_COLUMNS)[ClassField], number | null | undefined>;
}

/** An org's own price for one provider model, overriding the global catalog (USD per 1M tokens). */
export const CreatePriceInput = z.object({
  provider: z.enum(providerIds),
  /** The provider's model name (a route's upstream model), which is what usage is priced by. */
  model: z.string().trim().min(1).max(200),
  inputUsdPerMillion: usdPerMillion,
  outputUsdPerMillion: usdPerMillion,
  cachedInputUsdPerMillion: usdPerMillion.nullable().default(null),
  ...(Object.fromEntries(CLASS_FIELDS.map((f) => [f, usdPerMillion.nullable().default(null)])) as Record<
    ClassField,
    z.ZodDefault<z.ZodNullable<typeof usdPerMillion>>
  >),
});
export type CreatePriceInput = z.input<typeof CreatePriceInput>;

export const UpdatePriceInput = z.object({
  priceId: z.string().min(1),
  inputUsdPerMillion: usdPerMillion.optional(),
  outputUsdPerMillion: usdPerMillion.optional(),
  cachedInputUsdPerMillion: usdPerMillion.nullable().optional(),
  ...(Object.fromEntries(CLASS_FIELDS.map((f) => [f, usdPerMillion.nullable().optional()])) as Record<
    ClassField,
    z.ZodOptional<z.ZodNullable<typeof usdPerMillion>>
  >),
});
export type UpdatePriceInput = z.input<typeof UpdatePriceInput>;

export const PRICE_PUBLIC_FIELDS = {
  id: true,
  provider: true,
  model: true,
  inputPerMTok: true,
  outputPerMTok: true,
  cachedInputPerMTok: true,
  cacheWrite5mPerMTok: true,
  cacheWrite1hPerMTok: true,
  reasoningPerMTok: true,
  audioInputPerMTok: true,
  audioOutputPerMTok: true,
  webSearchPerKCalls: true,
  effectiveFrom: true,
  createdAt: true,
} satisfies Prisma.ModelPriceSelect;

export type PriceRecord = Prisma.ModelPriceGetPayload<{ select: typeof PRICE_PUBLIC_FIELDS }>;
