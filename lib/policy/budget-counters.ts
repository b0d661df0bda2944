// Where a budget's running total lives in the ledger: one counter per budget and period start,
// so a new period starts from zero.
import { redis } from "@/lib/redis";
import { periodWindow } from "@/lib/policy/periods";
import type { BudgetRule } from "@/lib/policy/budget-rules";

const DAY_MS = 86_400_000;

export function budgetCounter(orgId: string, rule: BudgetRule, timeZone: string, now: number): { counter: string; expiresAt: number } {
  const w = periodWindow(rule.period, timeZone, now);
  return { counter: `${redis.prefix}{o:${orgId}}:b:${rule.id}:${w.start}`, expiresAt: (w.end ?? now + 400 * DAY_MS) + DAY_MS };
}
