// Which degrade rule applies to a request, before it is limited: the first routing rule (key,
// then team, then org) whose model pattern matches and whose scope has used at least its share
// of a cap, and likewise the first throttle. Costs one read of the ledger, and only for keys
// that some rule could apply to.
import { budgetCounter } from "@/lib/policy/budget-counters";
import { limitBackends } from "@/lib/policy/limit-state";
import type { BudgetRule } from "@/lib/policy/budget-rules";
import type { DegradeRule } from "@/lib/policy/degrade-rules";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";

/** A client that prefers the hard error sends `x-latch-degrade: off`. */
export const DEGRADE_HEADER = "x-latch-degrade";
export const DEGRADED_HEADER = "x-latch-degraded";
export const MODEL_USED_HEADER = "x-latch-model-used";

export type Degrade = { route: DegradeRule | null; throttle: DegradeRule | null };
export const NO_DEGRADE: Degrade = { route: null, throttle: null };

export async function chooseDegrade(key: CachedKey, org: OrgSnapshot, model: string, now: number): Promise<Degrade> {
  // Most keys are under no rule at all: they pay no allocation here.
  const teamRules = key.teamId ? org.teamDegradeRules.get(key.teamId) : undefined;
  if (!key.degradeRules.length && !org.orgDegradeRules.length && !teamRules?.length) return NO_DEGRADE;
  const scoped: { rules: readonly DegradeRule[]; budgets: readonly BudgetRule[] }[] = [
    { rules: key.degradeRules, budgets: key.budgets },
    ...(key.teamId ? [{ rules: org.teamDegradeRules.get(key.teamId) ?? [], budgets: org.teamBudgets.get(key.teamId) ?? [] }] : []),
    { rules: org.orgDegradeRules, budgets: org.orgBudgets },
  ];
  const candidates = scoped
    .map((s) => ({ ...s, rules: s.rules.filter((r) => r.throttleRpm !== null || r.route?.from(model, model)) }))
    .filter((s) => s.rules.length && s.budgets.length);
  if (!candidates.length || !limitBackends.primary.available()) return NO_DEGRADE;
  const budgets = candidates.flatMap((s) => s.budgets);
  const totals = await limitBackends.primary.ledger.peek(budgets.map((b) => budgetCounter(org.orgId, b, org.timeZone, now).counter)).catch(() => null);
  if (!totals) return NO_DEGRADE;
  const share = new Map(budgets.map((b, i) => [b, Math.max(0, totals[i]!) / b.limit]));
  const result: Degrade = { route: null, throttle: null };
  for (const s of candidates) {
    const used = Math.max(...s.budgets.map((b) => share.get(b)!)) * 100;
    for (const rule of s.rules) {
      if (used < rule.atPercent) continue;
      if (rule.route && rule.route.from(model, model)) result.route ??= rule;
      if (rule.throttleRpm !== null) result.throttle ??= rule;
    }
  }
  return result;
}
