import { z } from "zod";
import { isGroupBy, type UsageFilter, type UsageTotals } from "@/lib/usage/attribution";
import { KeyKind } from "@/lib/keys/kinds";
import { DimensionName, DimensionValue } from "@/lib/attribution/schemas";
import { Timestamp } from "@/lib/api/serializers/common";
import { InvalidRequestError } from "@/lib/errors";
import type { ChargebackReport } from "@/lib/usage/chargeback";

export const UsageQuery = z.strictObject({
  start: Timestamp.optional().describe("RFC 3339; defaults to the start of this month in the org's time zone. Hourly resolution."),
  end: Timestamp.optional().describe("RFC 3339, exclusive; defaults to now."),
  group_by: z
    .string()
    .refine((g) => g === "end_user" || isGroupBy(g), "Group by key, user, team, model, provider, kind, end_user or dimension:<name>.")
    .optional()
    .describe(
      "Break the totals down by key, user, team, model, provider, key kind, `end_user` (the app's end users, from raw events), or one of the org's attribution dimensions as `dimension:<name>` (e.g. `dimension:cost_center`).",
    ),
  key_kind: KeyKind.optional().describe("Only requests made with keys of this kind."),
  model: z.string().min(1).max(256).optional(),
  filter: z.string().max(2000).optional().describe("Attribution filter, `name=value,…` (every pair must match), e.g. `cost_center=R&D,environment=prod`."),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe("Most groups returned, by cost."),
});

const totals = {
  requests: z.number().int(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
  rejected: z.number().int().describe("Requests refused by a limit, budget or policy."),
};

export const UsageJson = z
  .object({
    object: z.literal("usage"),
    start: Timestamp,
    end: Timestamp,
    group_by: z.string().nullable(),
    total: z.object(totals),
    data: z.array(z.object({ group: z.string().nullable().describe("The key, user or team id, or the model or provider name."), ...totals })),
  })
  .meta({ title: "Usage" });

const Pair = z.tuple([DimensionName, DimensionValue]);

/** `cost_center=R&D,environment=prod` → the rollup filter; a malformed pair is a 400 on `filter`. */
export function toUsageFilter(query: { key_kind?: string; model?: string; filter?: string }): UsageFilter {
  const dimensions: Record<string, string> = {};
  for (const part of query.filter?.split(",").filter((p) => p.trim()) ?? []) {
    const at = part.indexOf("=");
    const pair = Pair.safeParse([part.slice(0, at).trim(), part.slice(at + 1).trim()]);
    if (at < 0 || !pair.success) throw new InvalidRequestError("`filter` must be a list of dimension=value pairs.", "filter");
    dimensions[pair.data[0]] = pair.data[1];
  }
  return { keyKind: query.key_kind, model: query.model, dimensions };
}

export const toTotalsJson = (t: UsageTotals) => ({
  requests: t.requests,
  input_tokens: t.inputTokens,
  output_tokens: t.outputTokens,
  cost_usd: t.costUsd,
  rejected: t.rejected,
});

export const ChargebackQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM")
    .optional()
    .describe("Calendar month in the org's time zone, YYYY-MM; defaults to the current one."),
  dimension: DimensionName.default("cost_center").describe("The attribution dimension to charge back by."),
  top: z.coerce.number().int().min(1).max(50).default(5).describe("Keys and models listed per line."),
});

const Ranked = z.object({ id: z.string(), label: z.string(), cost_usd: z.number(), requests: z.number().int(), tokens: z.number() });

export const ChargebackJson = z
  .object({
    object: z.literal("chargeback_report"),
    month: z.string(),
    dimension: z.string(),
    start: Timestamp,
    end: Timestamp,
    total: z.object(totals),
    data: z.array(
      z.object({
        value: z.string().nullable().describe("The dimension's value; null for requests that carried none."),
        ...totals,
        top_keys: z.array(Ranked),
        top_models: z.array(Ranked),
        budget: z.object({ limit_usd: z.number(), period: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ title: "ChargebackReport" });

const toRankedJson = (r: { id: string; label: string; costUsd: number; requests: number; tokens: number }) => ({
  id: r.id,
  label: r.label,
  cost_usd: r.costUsd,
  requests: r.requests,
  tokens: r.tokens,
});

export const toChargebackJson = (r: ChargebackReport): z.input<typeof ChargebackJson> => ({
  object: "chargeback_report",
  month: r.month,
  dimension: r.dimension,
  start: r.from.toISOString(),
  end: r.to.toISOString(),
  total: toTotalsJson(r.total),
  data: r.lines.map((l) => ({
    value: l.value,
    ...toTotalsJson(l),
    top_keys: l.topKeys.map(toRankedJson),
    top_models: l.topModels.map(toRankedJson),
    budget: l.budget ? { limit_usd: l.budget.limitUsd, period: l.budget.period } : null,
  })),
});
