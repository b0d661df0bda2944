// Budgets as the hot path sees them: precomputed at cache fill, amounts in integer units
// (nano-USD for spend, tokens for quotas) so Redis can add them exactly.
import type { Period } from "@/lib/policy/periods";

export type BudgetScope = "key" | "user" | "team" | "org" | "dimension";

export type BudgetRule = {
  id: string;
  scope: BudgetScope;
  kind: "spend" | "tokens";
  period: Period;
  /** nano-USD for spend, tokens for quotas */
  limit: number;
  /** scope = dimension: the value whose requests it caps. */
  dimension?: { name: string; value: string };
};

/** How budgets on a dimension value are looked up per request. */
export const dimensionBudgetKey = (name: string, value: string) => `${name}=${value}`;

export const NANO_PER_USD = 1_000_000_000;
export const usdToNano = (usd: number) => Math.ceil(usd * NANO_PER_USD);

type BudgetRow = {
  id: string;
  scope: BudgetScope;
  kind: "spend" | "tokens";
  period: Period;
  limit: { toString(): string };
  dimensionName?: string | null;
  dimensionValue?: string | null;
};

export function toBudgetRule(row: BudgetRow): BudgetRule {
  const limit = Number(row.limit.toString());
  const rule: BudgetRule = {
    id: row.id,
    scope: row.scope,
    kind: row.kind,
    period: row.period,
    limit: row.kind === "spend" ? Math.floor(limit * NANO_PER_USD) : Math.floor(limit),
  };
  if (row.scope === "dimension" && row.dimensionName && row.dimensionValue) rule.dimension = { name: row.dimensionName, value: row.dimensionValue };
  return rule;
}
