// Attribution dimensions as the org defines them, and the values keys and requests carry.
// Pure (zod only): the portal's forms validate with the same rules as the server.
import { z } from "zod";
import { KeyKind } from "@/lib/keys/kinds";

/** Built-in groupings a dimension may not shadow in filters, group-bys and exports. */
export const RESERVED_NAMES = ["key", "user", "team", "model", "provider", "kind", "end_user", "outcome", "org"] as const;

export const DimensionName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Lower-case letters, digits and underscores, starting with a letter (at most 40).")
  .refine((n) => !(RESERVED_NAMES as readonly string[]).includes(n), "This name is reserved.");

/** A value as it travels in `x-latch-tags` (k=v,…): no separators, no control characters. */
export const DimensionValue = z
  .string()
  .trim()
  .min(1, "A value cannot be empty.")
  .max(100, "At most 100 characters.")
  .regex(/^[^,=\p{Cc}]+$/u, "Commas, equals signs and control characters are not allowed.");

export const DimensionValues = z.record(DimensionName, DimensionValue);
export type DimensionValues = z.infer<typeof DimensionValues>;

/** What a key request asks for besides its policy, kept with the request until it is decided. */
export const AttributionAsk = z.object({ kind: KeyKind.default("personal"), dimensions: DimensionValues.default({}) });
export type AttributionAsk = z.infer<typeof AttributionAsk>;

const fields = {
  label: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullable(),
  /** Empty: free text. */
  values: z.array(DimensionValue).max(200),
  required: z.boolean(),
  defaultValue: DimensionValue.nullable(),
  /** Team id -> default value for that team's keys. */
  teamDefaults: z.record(z.string().min(1).max(100), DimensionValue),
};

export const CreateDimensionInput = z.object({
  name: DimensionName,
  label: fields.label.optional(),
  description: fields.description.default(null),
  values: fields.values.default([]),
  required: fields.required.default(false),
  defaultValue: fields.defaultValue.default(null),
  teamDefaults: fields.teamDefaults.default({}),
});
export type CreateDimensionInput = z.input<typeof CreateDimensionInput>;

/** The name is the dimension's identity in stored events and budgets, so it never changes. */
export const UpdateDimensionInput = z.object({
  id: z.string().min(1).max(100),
  label: fields.label.optional(),
  description: fields.description.optional(),
  values: fields.values.optional(),
  required: fields.required.optional(),
  defaultValue: fields.defaultValue.optional(),
  teamDefaults: fields.teamDefaults.optional(),
});
export type UpdateDimensionInput = z.input<typeof UpdateDimensionInput>;
