// Attribution dimensions on the wire (snake_case) ↔ lib/attribution (camelCase).
import { z } from "zod";
import { DimensionName, DimensionValue } from "@/lib/attribution/schemas";
import type { CreateDimensionInput, UpdateDimensionInput } from "@/lib/attribution/schemas";
import type { DimensionRecord } from "@/lib/attribution/queries";
import { PageQuery, Timestamp } from "@/lib/api/serializers/common";

const fields = {
  label: z.string().trim().min(1).max(100).describe("Shown in the portal; defaults to the name."),
  description: z.string().trim().max(500).nullable(),
  values: z.array(DimensionValue).max(200).describe("Allowed values; empty allows free text."),
  required: z.boolean().describe("Every new key needs a value: its own, its team's default or the default."),
  default_value: DimensionValue.nullable().describe("Used for keys with no value of their own and no team default."),
  team_defaults: z.record(z.string().min(1), DimensionValue).describe("Team id → the value that team's keys default to."),
};

export const CreateDimensionBody = z
  .strictObject({ name: DimensionName.describe("Lower-case identifier used in tags, filters and exports; cannot change."), ...partial(fields) })
  .meta({ title: "CreateAttributionDimensionRequest" });
export const UpdateDimensionBody = z.strictObject(partial(fields)).meta({ title: "UpdateAttributionDimensionRequest" });
export const ListDimensionsQuery = PageQuery;

function partial<T extends Record<string, z.ZodType>>(shape: T) {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

export const DimensionJson = z
  .object({
    id: z.string(),
    object: z.literal("attribution_dimension"),
    name: z.string(),
    label: z.string(),
    description: z.string().nullable(),
    values: z.array(z.string()),
    required: z.boolean(),
    default_value: z.string().nullable(),
    team_defaults: z.record(z.string(), z.string()),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ title: "AttributionDimension" });

export const toDimensionJson = (d: DimensionRecord): z.input<typeof DimensionJson> => ({
  id: d.id,
  object: "attribution_dimension",
  name: d.name,
  label: d.label,
  description: d.description,
  values: d.values,
  required: d.required,
  default_value: d.defaultValue,
  team_defaults: (d.teamDefaults ?? {}) as Record<string, string>,
  created_at: d.createdAt.toISOString(),
  updated_at: d.updatedAt.toISOString(),
});

type Body = z.output<typeof UpdateDimensionBody>;
const camel = (b: Body) => ({
  label: b.label,
  description: b.description,
  values: b.values,
  required: b.required,
  defaultValue: b.default_value,
  teamDefaults: b.team_defaults,
});

export const toCreateDimensionInput = (b: z.output<typeof CreateDimensionBody>): CreateDimensionInput => ({ name: b.name, ...camel(b) });
export const toUpdateDimensionInput = (id: string, b: Body): UpdateDimensionInput => ({ id, ...camel(b) });

export const DimensionBudgetBody = z
  .strictObject({
    value: DimensionValue.describe("The value whose requests the budget caps, e.g. `R&D`."),
    limit_usd: z.number().positive().max(100_000_000).nullable().describe("USD per period; null removes the budget."),
    period: z.enum(["daily", "weekly", "monthly", "lifetime"]).default("monthly").describe("Calendar period in the org's time zone."),
  })
  .meta({ title: "SetDimensionBudgetRequest" });

export const DimensionBudgetJson = z
  .object({
    object: z.literal("dimension_budget"),
    dimension: z.string(),
    value: z.string(),
    limit_usd: z.number().nullable(),
    period: z.string().nullable(),
  })
  .meta({ title: "DimensionBudget" });
