import { z } from "zod";
import { GROUP_BY, type UsageTotals } from "@/lib/usage/attribution";
import { Timestamp } from "@/lib/api/serializers/common";

export const UsageQuery = z.strictObject({
  start: Timestamp.optional().describe("RFC 3339; defaults to the start of this month in the org's time zone. Hourly resolution."),
  end: Timestamp.optional().describe("RFC 3339, exclusive; defaults to now."),
  group_by: z.enum(GROUP_BY).optional().describe("Break the totals down by key, user, team, model or provider."),
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
    group_by: z.enum(GROUP_BY).nullable(),
    total: z.object(totals),
    data: z.array(z.object({ group: z.string().nullable().describe("The key, user or team id, or the model or provider name."), ...totals })),
  })
  .meta({ title: "Usage" });

export const toTotalsJson = (t: UsageTotals) => ({
  requests: t.requests, input_tokens: t.inputTokens, output_tokens: t.outputTokens, cost_usd: t.costUsd, rejected: t.rejected,
});
