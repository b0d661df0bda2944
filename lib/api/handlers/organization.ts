// The organisation over the management API: wire input → lib/orgs verbs → wire output. No rules live here.
import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toDegradeRules } from "@/lib/api/serializers/degrade-rules";
import { toOrganizationJson } from "@/lib/api/serializers/organization";
import { toSpendCap } from "@/lib/api/serializers/spend-caps";
import { getOrgSettings } from "@/lib/orgs/get-settings";
import { updateOrgSettings } from "@/lib/orgs/update-settings";

export const organizationApi = {
  get: managementRoute(ops.getOrganization, async ({ actor }) => toOrganizationJson(await getOrgSettings({ actor }))),

  update: managementRoute(ops.updateOrganization, async ({ actor, body }) => {
    const spendCap = toSpendCap(body);
    await updateOrgSettings({
      actor,
      input: {
        name: body.name,
        timeZone: body.time_zone,
        allowedProviders: body.allowed_providers,
        allowedModels: body.allowed_models,
        allowUnpricedModels: body.allow_unpriced_models,
        clampMaxTokens: body.clamp_max_tokens,
        clampFloorTokens: body.clamp_floor_tokens,
        budgetFailMode: body.budget_fail_mode,
        ...(body.degrade_rules ? { degradeRules: toDegradeRules(body.degrade_rules) } : {}),
        ...(spendCap ? { spendCap } : {}),
      },
    });
    return toOrganizationJson(await getOrgSettings({ actor }));
  }),
};
