// FormData arrives as flat strings: these turn them into the typed values the verbs' zod
// schemas expect. Pure, so client forms may share them.
import { z } from "zod";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** "a, b\nc" → ["a", "b", "c"]. Only commas and line breaks separate: "gpt 4o" stays one (invalid) entry. */
export const listField = z
  .string()
  .max(20_000)
  .default("")
  .transform((v) => [
    ...new Set(
      v
        .split(/[,\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]);

/** A blank input means "not set" (undefined): the stored value falls back to the inherited one. */
export const optionalNumberField = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (blank(v) ? undefined : v), schema.optional());

/** A blank input means "no limit" (null). */
export const nullableNumberField = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (blank(v) ? null : v), schema.nullable());

/** An unchecked checkbox is simply absent from FormData. */
export const checkboxField = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** A select whose "" option means "inherit". */
export const optionalEnumField = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (blank(v) ? undefined : v), z.enum(values).optional());

export const formObject = (formData: FormData): Record<string, FormDataEntryValue> => Object.fromEntries(formData);

/** Like formObject, but the named fields keep every value (checkbox groups, multi-selects). */
export function formInput(formData: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = formObject(formData);
  for (const name of arrays) out[name] = formData.getAll(name).map(String);
  return out;
}

/** "" → undefined, "true"/"false" → boolean: a tri-state select (inherit / yes / no). */
export const optionalBooleanField = z.preprocess((v) => (blank(v) ? undefined : v === "true"), z.boolean().optional());

/** A list where blank means "not set" rather than "empty". */
export const optionalListField = listField.transform((v) => (v.length ? v : undefined));

const fmt = (n: number) => n.toLocaleString("en-US");

/** A typed number with messages a person can act on (zod's own name the type and "NaN"). */
export const wholeNumberInput = (max: number) =>
  z.coerce
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(1, "At least 1.")
    .max(max, `At most ${fmt(max)}.`);
export const usdInput = (max: number) =>
  z.coerce
    .number({ error: "Enter a number of dollars, e.g. 25 or 2.50." })
    .positive("Must be more than 0.")
    .max(max, `At most $${fmt(max)}.`);
