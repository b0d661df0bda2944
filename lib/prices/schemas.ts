import { z } from "zod";
import { providerIds } from "@/lib/providers/registry";
import type { Prisma } from "@/lib/generated/prisma/client";

const usdPerMillion = z.number().min(0).max(1_000_000);

/** An org's own price for one provider model, overriding the global catalog (USD per 1M tokens). */
export const CreatePriceInput = z.object({
  provider: z.enum(providerIds),
  /** The provider's model name (a route's upstream model), which is what usage is priced by. */
  model: z.string().trim().min(1).max(200),
  inputUsdPerMillion: usdPerMillion,
  outputUsdPerMillion: usdPerMillion,
  cachedInputUsdPerMillion: usdPerMillion.nullable().default(null),
});
export type CreatePriceInput = z.input<typeof CreatePriceInput>;

export const UpdatePriceInput = z.object({
  priceId: z.string().min(1),
  inputUsdPerMillion: usdPerMillion.optional(),
  outputUsdPerMillion: usdPerMillion.optional(),
  cachedInputUsdPerMillion: usdPerMillion.nullable().optional(),
});
export type UpdatePriceInput = z.input<typeof UpdatePriceInput>;

export const PRICE_PUBLIC_FIELDS = {
  id: true, provider: true, model: true, inputPerMTok: true, outputPerMTok: true, cachedInputPerMTok: true,
  effectiveFrom: true, createdAt: true,
} satisfies Prisma.ModelPriceSelect;

export type PriceRecord = Prisma.ModelPriceGetPayload<{ select: typeof PRICE_PUBLIC_FIELDS }>;
