// The portal's key forms: flat strings from FormData (or the live form state) → the verbs'
// inputs. Shared by server actions and the browser, so it imports nothing server-side.
import { z } from "zod";
import { SPEND_PERIODS, type KeyValues } from "@/lib/guardrails/schemas";
import { invalidPatternsMessage } from "@/lib/guardrails/model-pattern";
import { KEY_KINDS } from "@/lib/keys/kinds";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalNumber = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const wholeNumber = (max: number) =>
  z.coerce
    .number({ error: "Enter a whole number." })
    .int("Whole numbers only.")
    .min(1, "At least 1.")
    .max(max, `At most ${max.toLocaleString("en-US")}.`);
/** Commas and line breaks separate patterns; a space inside one makes it invalid rather than two. */
const splitModels = (v: string) =>
  v
    .split(/[,\n]+/)
    .map((m) => m.trim())
    .filter(Boolean);

/** The policy fields every key form has; a blank number means "no limit" (or "never" for expiry). */
export const KEY_VALUE_FIELDS = {
  models: z
    .string()
    .max(5000)
    .default("")
    .superRefine((v, ctx) => {
      const message = invalidPatternsMessage(splitModels(v));
      if (message) ctx.addIssue({ code: "custom", message });
    }),
  rpmLimit: optionalNumber(wholeNumber(1_000_000)),
  tpmLimit: optionalNumber(wholeNumber(100_000_000)),
  spendCapUsd: optionalNumber(
    z.coerce.number({ error: "Enter a number of dollars, e.g. 25 or 2.50." }).positive("Must be more than 0.").max(1_000_000, "At most $1,000,000."),
  ),
  spendPeriod: z.enum(SPEND_PERIODS).default("monthly"),
  expiresInDays: optionalNumber(wholeNumber(3650)),
};

type ValueFields = z.infer<z.ZodObject<typeof KEY_VALUE_FIELDS>>;

export function toKeyValues(f: ValueFields): KeyValues {
  return {
    models: splitModels(f.models),
    rpmLimit: f.rpmLimit ?? null,
    tpmLimit: f.tpmLimit ?? null,
    spendCapUsd: f.spendCapUsd ?? null,
    spendPeriod: f.spendPeriod,
    expiresInDays: f.expiresInDays ?? null,
  };
}

/** KeyValues → the strings a form starts with. */
/** The fields the key forms show as text inputs; MCP tools have a field of their own. */
export type KeyFormField = Exclude<keyof KeyValues, "tools">;

export function toFormStrings(v: KeyValues): Record<KeyFormField, string> {
  const n = (x: number | null) => (x === null ? "" : String(x));
  return {
    models: v.models.join(", "),
    rpmLimit: n(v.rpmLimit),
    tpmLimit: n(v.tpmLimit),
    spendCapUsd: n(v.spendCapUsd),
    spendPeriod: v.spendPeriod,
    expiresInDays: n(v.expiresInDays),
  };
}

export const KeyValuesForm = z.object(KEY_VALUE_FIELDS).transform(toKeyValues);

/** The MCP tools field (absent from a form that does not show it: the ask then says nothing of tools). */
const toolsField = z
  .string()
  .max(5000)
  .optional()
  .superRefine((v, ctx) => {
    const message = v === undefined ? null : invalidPatternsMessage(splitModels(v));
    if (message) ctx.addIssue({ code: "custom", message: message.replace("model pattern", "tool pattern") });
  });
const withTools = (values: KeyValues, tools: string | undefined): KeyValues => (tools === undefined ? values : { ...values, tools: splitModels(tools) });

const name = z.string().trim().min(1, "Give the key a name.").max(100, "At most 100 characters.");
const justification = z.string().max(2000, "At most 2000 characters.").default("");

export const CreateKeyForm = z
  .object({
    ...KEY_VALUE_FIELDS,
    tools: toolsField,
    name,
    teamId: z.string().max(100).default(""),
    kind: z.enum(KEY_KINDS).default("personal"),
    justification,
  })
  .transform(({ name, teamId, kind, justification, tools, ...f }) => ({
    name,
    teamId: teamId || null,
    kind,
    justification,
    values: withTools(toKeyValues(f), tools),
  }));

export const EditKeyForm = z
  .object({ ...KEY_VALUE_FIELDS, tools: toolsField, name, justification })
  .transform(({ name, justification, tools, ...f }) => ({ name, justification, values: withTools(toKeyValues(f), tools) }));

export const ApproveRequestForm = z
  .object({ ...KEY_VALUE_FIELDS, requestId: z.string().min(1).max(100) })
  .transform(({ requestId, ...f }) => ({ requestId, granted: toKeyValues(f) }));

export const DenyRequestForm = z.object({ requestId: z.string().min(1).max(100), reason: z.string().max(1000) });
