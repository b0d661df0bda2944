// The org's settings on the wire (snake_case) ↔ lib/orgs (camelCase). Field rules come from lib/orgs/schemas.
import { z } from "zod";
import { UpdateOrgSettingsInput } from "@/lib/orgs/schemas";
import type { OrgSettings } from "@/lib/orgs/get-settings";
import { capFields, capJsonFields, toCapJson } from "@/lib/api/serializers/spend-caps";
import { DegradeRulesBody, DegradeRulesJson, toDegradeRulesJson } from "@/lib/api/serializers/degrade-rules";

const org = UpdateOrgSettingsInput.shape;

export const UpdateOrganizationBody = z
  .strictObject({
    name: org.name,
    time_zone: org.timeZone.describe("IANA time zone the calendar periods of every cap follow."),
    allowed_providers: org.allowedProviders.describe("Providers requests may be routed to; empty: every provider the org has."),
    allowed_models: org.allowedModels.describe("Model patterns requests may use; empty: every routed model."),
    allow_unpriced_models: org.allowUnpricedModels.describe("Let capped keys use models without a price (counted as $0)."),
    clamp_max_tokens: org.clampMaxTokens.describe("Admission: lower max_tokens to what the budgets can pay (true) or refuse (false)."),
    clamp_floor_tokens: org.clampFloorTokens.describe("Smallest output ceiling a clamped request is still sent with."),
    budget_fail_mode: org.budgetFailMode.describe("When the budget store is unreachable: refuse (`closed`) or serve (`open`)."),
    degrade_rules: DegradeRulesBody.optional(),
    ...capFields,
  })
  .meta({ title: "UpdateOrganizationRequest" });

export const OrganizationJson = z
  .object({
    id: z.string(),
    object: z.literal("organization"),
    name: z.string(),
    slug: z.string(),
    time_zone: z.string(),
    allowed_providers: z.array(z.string()),
    allowed_models: z.array(z.string()),
    allow_unpriced_models: z.boolean(),
    clamp_max_tokens: z.boolean(),
    clamp_floor_tokens: z.number().int(),
    budget_fail_mode: z.enum(["closed", "open"]),
    degrade_rules: DegradeRulesJson,
    ...capJsonFields,
  })
  .meta({ title: "Organization" });

export const toOrganizationJson = (o: OrgSettings): z.input<typeof OrganizationJson> => ({
  id: o.id,
  object: "organization",
  name: o.name,
  slug: o.slug,
  time_zone: o.timeZone,
  allowed_providers: o.allowedProviders,
  allowed_models: o.allowedModels,
  allow_unpriced_models: o.allowUnpricedModels,
  clamp_max_tokens: o.clampMaxTokens,
  clamp_floor_tokens: o.clampFloorTokens,
  budget_fail_mode: o.budgetFailMode,
  degrade_rules: toDegradeRulesJson(o.degradeRules),
  ...toCapJson(o.spendCap),
});
