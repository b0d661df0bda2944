// After a settlement: did any budget just cross one of the org's alert thresholds?
import { crossedThresholds } from "@/lib/alerts/thresholds";
import { raiseBudgetAlert } from "@/lib/alerts/raise";
import { NANO_PER_USD, type BudgetRule } from "@/lib/policy/budget-rules";
import { periodWindow } from "@/lib/policy/periods";
import { logError } from "@/lib/log";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";

type Settled = { key: CachedKey; org: OrgSnapshot; now: number };

function targetOf(rule: BudgetRule, key: CachedKey): string | null {
  if (rule.scope === "key") return key.id;
  if (rule.scope === "user") return key.ownerUserId;
  if (rule.scope === "team") return key.teamId;
  if (rule.scope === "dimension" && rule.dimension) return `${rule.dimension.name}=${rule.dimension.value}`;
  return null;
}

export function checkBudgetAlerts({ key, org, now }: Settled, rules: BudgetRule[], amounts: number[], totals: number[]): void {
  rules.forEach((rule, i) => {
    const after = totals[i] ?? -1;
    if (after < 0) return;
    const crossed = crossedThresholds(after - (amounts[i] ?? 0), after, rule.limit, org.budgetAlertThresholds);
    const toUnit = (n: number) => (rule.kind === "spend" ? n / NANO_PER_USD : n);
    for (const threshold of crossed) {
      raiseBudgetAlert({
        orgId: org.orgId,
        rule,
        targetId: targetOf(rule, key),
        periodStart: periodWindow(rule.period, org.timeZone, now).start,
        threshold,
        used: toUnit(after),
        limit: toUnit(rule.limit),
      }).catch((err: unknown) => logError("budget alert failed", err, { orgId: org.orgId }));
    }
  });
}
