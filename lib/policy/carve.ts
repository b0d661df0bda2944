// A child key's budget, carved out of its parent's: a standing hold on each of the parent's own
// budget counters, taken in one atomic ledger step (so parent and children together never exceed
// the parent's cap, on any number of instances), spent down as the child's usage settles,
// released when the child ends and expiring with it. The same step takes one of the parent's
// live-child slots (the ledger's concurrency slots, held for the child's lifetime).
import { LatchError, ServiceUnavailableError } from "@/lib/errors";
import { budgetCounter } from "@/lib/policy/budget-counters";
import { settledInPeriod } from "@/lib/policy/budget-base";
import { periodWindow } from "@/lib/policy/periods";
import { limitBackends } from "@/lib/policy/limit-state";
import { redis } from "@/lib/redis";
import type { BudgetRule } from "@/lib/policy/budget-rules";
import type { LedgerItem } from "@/lib/policy/ledger/types";

/** The parent's own budgets, as they stood when the child was minted (`carvedAt`). */
export type CarveScope = { orgId: string; timeZone: string; parentKeyId: string; rules: readonly BudgetRule[]; carvedAt: number };

/** Per budget kind: nano-USD for spend, tokens for quotas. */
export type CarveAmounts = { spend: number; tokens: number };

const holdOf = (childId: string) => `carve:${childId}`;
const slotsOf = (scope: CarveScope, max: number) => ({ counter: `${redis.prefix}{o:${scope.orgId}}:children:${scope.parentKeyId}`, max });

function counters(scope: CarveScope) {
  return scope.rules.map((rule) => ({ rule, ...budgetCounter(scope.orgId, rule, scope.timeZone, scope.carvedAt) }));
}

function shared() {
  const backends = limitBackends.primary;
  if (!backends.available())
    throw new ServiceUnavailableError("limits_unavailable", "Budgets cannot be checked right now, so no child key was created. Try again shortly.");
  return backends.ledger;
}

export async function carveBudget(scope: CarveScope, childId: string, amounts: CarveAmounts, expiresAt: number, maxChildren: number): Promise<void> {
  const ledger = shared();
  const parts = counters(scope);
  const items: LedgerItem[] = parts.map((p) => ({
    counter: p.counter,
    expiresAt: p.expiresAt,
    limit: p.rule.limit,
    amount: amounts[p.rule.kind],
    perOutputToken: 0,
  }));
  const input = {
    holdId: holdOf(childId),
    items,
    concurrency: slotsOf(scope, maxChildren),
    windows: [],
    holdTtlMs: Math.max(1, expiresAt - scope.carvedAt),
    now: scope.carvedAt,
    outputTokens: 0,
    clampFloor: null,
  };
  let result = await ledger.reserve(input);
  if (!result.ok && result.reason === "needs_base") {
    const ids = { orgId: scope.orgId, keyId: scope.parentKeyId, userId: null, teamId: null };
    await Promise.all(
      result.indexes.map(async (i) => {
        const { rule, counter, expiresAt: until } = parts[i]!;
        const w = periodWindow(rule.period, scope.timeZone, scope.carvedAt);
        await ledger.setBase(counter, await settledInPeriod(rule, ids, w.start, w.end), until);
      }),
    );
    result = await ledger.reserve(input);
  }
  if (result.ok) return;
  if (result.reason === "concurrency")
    throw new LatchError({
      status: 409,
      type: "invalid_request_error",
      code: "too_many_child_keys",
      message: `This key already has ${maxChildren} live child keys, its maximum.`,
    });
  if (result.reason === "budget")
    throw new LatchError({
      status: 429,
      type: "rate_limit_error",
      code: "budget_exceeded",
      retryable: false,
      message: `The parent key's remaining ${parts[result.index]!.rule.period} budget cannot cover this child key's budget.`,
    });
  throw new ServiceUnavailableError("limits_unavailable", "Budgets cannot be checked right now, so no child key was created. Try again shortly.");
}

/** Moves a child's settled usage into the parent's totals, out of the carve. */
export async function spendFromCarve(scope: CarveScope, childId: string, amounts: CarveAmounts): Promise<void> {
  await limitBackends.primary.ledger.transfer({
    holdId: holdOf(childId),
    items: counters(scope).map((p) => ({ counter: p.counter, amount: amounts[p.rule.kind] })),
  });
}

/** Gives the parent back what the child did not spend. */
export async function releaseCarve(scope: CarveScope, childId: string): Promise<void> {
  await limitBackends.primary.ledger.settle({
    holdId: holdOf(childId),
    items: counters(scope).map((p) => ({ counter: p.counter, amount: 0 })),
    concurrency: slotsOf(scope, 0),
  });
}
