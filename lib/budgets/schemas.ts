import { z } from "zod";
import { SPEND_PERIODS } from "@/lib/guardrails/schemas";
import { DimensionName, DimensionValue } from "@/lib/attribution/schemas";

/** A USD spend cap over a calendar period in the org's time zone; null removes the cap. */
export const SpendCap = z.object({
  limitUsd: z.number().positive("Must be more than 0.").max(100_000_000).nullable(),
  period: z.enum(SPEND_PERIODS).default("monthly"),
});
export type SpendCap = z.infer<typeof SpendCap>;

/** Whose cap: the whole org, one team, one person (their Membership carries it), or one value of an attribution dimension. */
export const CapTarget = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("org") }),
  z.object({ scope: z.literal("team"), teamId: z.string().min(1).max(100) }),
  z.object({ scope: z.literal("user"), userId: z.string().min(1).max(100) }),
  z.object({ scope: z.literal("dimension"), name: DimensionName, value: DimensionValue }),
]);
export type CapTarget = z.infer<typeof CapTarget>;

export const SetSpendCapInput = z.object({ target: CapTarget, cap: SpendCap });
export type SetSpendCapInput = z.input<typeof SetSpendCapInput>;

/** What the admin screens show for a cap. */
export type CapView = { budgetId: string; limitUsd: number; period: SpendCap["period"] } | null;
