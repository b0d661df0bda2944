import { db } from "@/lib/db";
import { storedDegradeRules } from "@/lib/policy/degrade-rules";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { loadSpendCaps } from "@/lib/budgets/queries";
import { ApprovalRules, KeyDefaults, StoredKeyLimits } from "@/lib/guardrails/schemas";

/** The org settings screen's data. Stored guardrails that no longer parse show as empty rather than crash the page. */
export async function getOrgSettings({ actor }: { actor: Actor }) {
  requirePermission(actor, "org.write");
  const [org, caps] = await Promise.all([
    db.organization.findUniqueOrThrow({
      where: { id: actor.orgId },
      select: {
        id: true,
        name: true,
        slug: true,
        timeZone: true,
        allowedProviders: true,
        allowedModels: true,
        allowUnpricedModels: true,
        clampMaxTokens: true,
        clampFloorTokens: true,
        budgetFailMode: true,
        defaultKeyPolicy: true,
        maxKeyPolicy: true,
        approvalRules: true,
        degradeRules: true,
      },
    }),
    loadSpendCaps(actor.orgId),
  ]);
  return {
    ...org,
    spendCap: caps.org,
    degradeRules: storedDegradeRules(org.degradeRules),
    guardrails: {
      defaults: KeyDefaults.safeParse(org.defaultKeyPolicy).data ?? {},
      limits: StoredKeyLimits.safeParse(org.maxKeyPolicy).data ?? {},
      approval: ApprovalRules.safeParse(org.approvalRules).data ?? { onExceed: {} },
    },
  };
}
export type OrgSettings = Awaited<ReturnType<typeof getOrgSettings>>;
