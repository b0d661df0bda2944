// The portal's dimension forms: flat FormData strings → the verbs' inputs.
import { z } from "zod";

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const blank = (v: string) => (v.trim() === "" ? null : v.trim());

export const DimensionForm = z
  .object({
    name: z.string().max(40),
    label: z.string().max(100).default(""),
    values: z.string().max(5000).default(""),
    required: z.string().optional(),
    defaultValue: z.string().max(100).default(""),
  })
  .transform((f) => ({
    name: f.name.trim(),
    label: blank(f.label) ?? undefined,
    values: list(f.values),
    required: f.required === "on",
    defaultValue: blank(f.defaultValue),
  }));

export const DimensionBudgetForm = z
  .object({
    name: z.string().max(40),
    value: z.string().max(100),
    limitUsd: z.string().max(20).default(""),
    period: z.enum(["daily", "weekly", "monthly", "lifetime"]).default("monthly"),
  })
  .transform((f) => ({ name: f.name, value: f.value.trim(), limitUsd: f.limitUsd.trim() === "" ? null : Number(f.limitUsd), period: f.period }));

/** Key form fields named `dim.<name>`; a blank one means "no value of its own". */
export function dimensionsFromForm(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of formData.entries())
    if (field.startsWith("dim.") && typeof value === "string" && value.trim()) out[field.slice(4)] = value.trim();
  return out;
}
