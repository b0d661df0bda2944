import { z } from "zod";
import { ModelPattern as pattern } from "@/lib/guardrails/model-pattern";
import { providerIds } from "@/lib/providers/registry";
import { isValidTimeZone } from "@/lib/policy/periods";
import { ApprovalRules, KeyDefaultsInput, KeyLimitsInput } from "@/lib/guardrails/schemas";
import { SpendCap } from "@/lib/budgets/schemas";
import { DegradeRulesInput } from "@/lib/policy/degrade-rules";

/** The org-wide settings screen. Empty provider/model lists mean "everything the org routes". */
export const UpdateOrgSettingsInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  timeZone: z.string().trim().refine(isValidTimeZone, "Not a known IANA time zone.").optional(),
  allowedProviders: z.array(z.enum(providerIds)).max(20).optional(),
  allowedModels: z.array(pattern).max(200).optional(),
  allowUnpricedModels: z.boolean().optional(),
  clampMaxTokens: z.boolean().optional(),
  /** Smallest output ceiling a clamped request is still sent with. */
  clampFloorTokens: z.number().int().min(1).max(1_000_000).optional(),
  budgetFailMode: z.enum(["closed", "open"]).optional(),
  /** Routing or throttling from a share of the org's caps, before the hard limit. */
  degradeRules: DegradeRulesInput.optional(),
  spendCap: SpendCap.optional(),
});
export type UpdateOrgSettingsInput = z.input<typeof UpdateOrgSettingsInput>;

/** Key guardrails, stored as the lib/guardrails schemas define them (validated by their own schemas). */
export const UpdateGuardrailsInput = z.object({
  defaultKeyPolicy: KeyDefaultsInput,
  maxKeyPolicy: KeyLimitsInput,
  approvalRules: ApprovalRules.optional(),
});
export type UpdateGuardrailsInput = z.input<typeof UpdateGuardrailsInput>;
