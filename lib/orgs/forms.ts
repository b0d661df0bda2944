// The admin settings forms: FormData strings → the org and team verbs' inputs. Blank inputs
// mean "not set" so the stored guardrails stay sparse (a team then inherits the org's value).
import { z } from "zod";
import { SPEND_PERIODS, GUARDRAIL_FIELDS } from "@/lib/guardrails/schemas";
import { providerIds } from "@/lib/providers/registry";
import {
  checkboxField,
  listField,
  nullableNumberField,
  optionalBooleanField,
  optionalEnumField,
  optionalListField,
  optionalNumberField,
  usdInput,
  wholeNumberInput,
} from "@/lib/actions/form-fields";
import { invalidPatternsMessage } from "@/lib/guardrails/model-pattern";

const whole = wholeNumberInput;
const usd = usdInput(1_000_000);

/** A list of model patterns, each checked against the glob grammar. */
const patternList = <T extends z.ZodType<string[] | undefined>>(list: T) =>
  list.superRefine((v, ctx) => {
    const message = invalidPatternsMessage(v ?? []);
    if (message) ctx.addIssue({ code: "custom", message });
  });

export const SpendCapForm = z
  .object({ spendCapUsd: nullableNumberField(usdInput(100_000_000)), spendPeriod: z.enum(SPEND_PERIODS).default("monthly") })
  .transform((f) => ({ limitUsd: f.spendCapUsd, period: f.spendPeriod }));

export const OrgSettingsForm = z
  .object({
    name: z.string().trim().min(1, "Give the organisation a name.").max(100, "At most 100 characters."),
    timeZone: z.string().trim().min(1, "Pick a time zone.").max(100),
    allowedProviders: z.array(z.enum(providerIds)).default([]),
    allowedModels: patternList(listField),
    allowUnpricedModels: checkboxField,
    clampMaxTokens: checkboxField,
    budgetFailMode: z.enum(["closed", "open"]),
    spendCapUsd: z.unknown().optional(),
    spendPeriod: z.unknown().optional(),
  })
  .transform(({ spendCapUsd, spendPeriod, ...rest }) => ({ ...rest, spendCap: SpendCapForm.parse({ spendCapUsd, spendPeriod }) }));

const DEFAULT_FIELDS = {
  d_models: patternList(optionalListField),
  d_rpmLimit: optionalNumberField(whole(1_000_000)),
  d_tpmLimit: optionalNumberField(whole(100_000_000)),
  d_spendCapUsd: optionalNumberField(usd),
  d_spendPeriod: optionalEnumField(SPEND_PERIODS),
  d_expiresInDays: optionalNumberField(whole(3650)),
};
const LIMIT_FIELDS = {
  l_allowedModels: patternList(optionalListField),
  l_allowedTools: patternList(optionalListField),
  l_maxMonthlySpendUsd: optionalNumberField(usd),
  l_maxRpm: optionalNumberField(whole(1_000_000)),
  l_maxTpm: optionalNumberField(whole(100_000_000)),
  l_maxLifetimeDays: optionalNumberField(whole(3650)),
  l_allowNoExpiry: optionalBooleanField,
  l_maxActiveKeys: optionalNumberField(whole(10_000)),
  l_allowTeamKeys: optionalBooleanField,
};
const APPROVAL_FIELDS = Object.fromEntries(GUARDRAIL_FIELDS.map((f) => [`a_${f}`, optionalEnumField(["approval", "forbidden"] as const)])) as Record<
  `a_${(typeof GUARDRAIL_FIELDS)[number]}`,
  ReturnType<typeof optionalEnumField<readonly ["approval", "forbidden"]>>
>;

const strip = (o: Record<string, unknown>, prefix: string) =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([k, v]) => k.startsWith(prefix) && v !== undefined)
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );

/** The guardrail editor; `a_*` approval fields are only on the org form (teams inherit the org's rules). */
export const GuardrailsForm = z.object({ ...DEFAULT_FIELDS, ...LIMIT_FIELDS, ...APPROVAL_FIELDS }).transform((f) => {
  const onExceed = strip(f, "a_");
  return { defaultKeyPolicy: strip(f, "d_"), maxKeyPolicy: strip(f, "l_"), approvalRules: { onExceed } };
});
