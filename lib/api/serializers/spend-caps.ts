// Admin spend caps (one `spend` budget per team or member, lib/budgets) on the wire, in the same
// field names as a key's limits: `spend_limit_usd` + `spend_reset_period`, or `limits`.
import { z } from "zod";
import type { CapView, SpendCap } from "@/lib/budgets/schemas";
import { InvalidRequestError } from "@/lib/errors";
import { Period } from "@/lib/api/serializers/keys";

const amount = z.number().positive().max(100_000_000);
type WirePeriod = z.output<typeof Period>;
const toDomainPeriod = (p: WirePeriod): SpendCap["period"] => p ?? "lifetime";
const toWirePeriod = (p: SpendCap["period"]): WirePeriod => (p === "lifetime" ? null : p);

const CapLimitJson = z.strictObject({
  type: z.literal("spend").describe("Teams and members are capped on spend only."),
  amount: amount.describe("USD."),
  period: Period.default("monthly"),
});

export const capFields = {
  spend_limit_usd: amount.nullable().optional().describe("The spend cap in USD; null removes it."),
  spend_reset_period: Period.optional().describe("Calendar period in the org's time zone (default `monthly`); null never resets."),
  limits: z.array(CapLimitJson).max(1).optional().describe("The cap as a list, as on keys: one `spend` limit, or empty to remove it."),
};

export const capJsonFields = {
  spend_limit_usd: z.number().nullable(),
  spend_reset_period: Period,
  limits: z.array(z.object({ type: z.literal("spend"), amount: z.number(), period: Period })),
};

type CapBody = { spend_limit_usd?: number | null; spend_reset_period?: WirePeriod; limits?: { type: "spend"; amount: number; period: WirePeriod }[] };

/** The wire's ways to state a cap → lib/budgets' SpendCap (undefined: leave it). */
export function toSpendCap(body: CapBody): SpendCap | undefined {
  if (body.spend_reset_period !== undefined && body.spend_limit_usd === undefined)
    throw new InvalidRequestError("`spend_reset_period` needs `spend_limit_usd` in the same request.", "spend_reset_period");
  if (body.limits !== undefined && body.spend_limit_usd !== undefined)
    throw new InvalidRequestError("Give either `limits` or `spend_limit_usd`, not both.", "limits");
  if (body.limits !== undefined) {
    const [limit] = body.limits;
    return limit ? { limitUsd: limit.amount, period: toDomainPeriod(limit.period) } : { limitUsd: null, period: "monthly" };
  }
  if (body.spend_limit_usd === undefined) return undefined;
  return { limitUsd: body.spend_limit_usd, period: body.spend_reset_period === undefined ? "monthly" : toDomainPeriod(body.spend_reset_period) };
}

export function toCapJson(cap: CapView) {
  const period = cap ? toWirePeriod(cap.period) : null;
  return {
    spend_limit_usd: cap?.limitUsd ?? null,
    spend_reset_period: period,
    limits: cap ? [{ type: "spend" as const, amount: cap.limitUsd, period }] : [],
  };
}
