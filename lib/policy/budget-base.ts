// Rebuilds a budget counter's settled total from Postgres: at the start of a period on a fresh
// Redis, or after Redis lost its data. Off the warm path (once per counter per period).
import { db } from "@/lib/db";
import { NANO_PER_USD, type BudgetRule } from "@/lib/policy/budget-rules";

export type ScopeIds = { orgId: string; keyId: string; userId: string | null; teamId: string | null };

export async function settledInPeriod(rule: BudgetRule, ids: ScopeIds, start: number, end: number | null): Promise<number> {
  // A key's own budgets also carry what its child keys spent (their usage rolls up to it).
  const keyIds =
    rule.scope === "key"
      ? [ids.keyId, ...(await db.virtualKey.findMany({ where: { orgId: ids.orgId, parentKeyId: ids.keyId }, select: { id: true } })).map((k) => k.id)]
      : [];
  const where = {
    orgId: ids.orgId,
    createdAt: { gte: new Date(start), ...(end !== null ? { lt: new Date(end) } : {}) },
    ...(rule.scope === "key"
      ? { keyId: { in: keyIds } }
      : rule.scope === "user"
        ? { userId: ids.userId }
        : rule.scope === "team"
          ? { teamId: ids.teamId }
          : {}),
    ...(rule.scope === "dimension" && rule.dimension ? { dimensions: { path: [rule.dimension.name], equals: rule.dimension.value } } : {}),
  };
  const sum = await db.usageEvent.aggregate({ where, _sum: { costUsd: true, inputTokens: true, outputTokens: true } });
  if (rule.kind === "spend") return Math.ceil(Number(sum._sum.costUsd ?? 0) * NANO_PER_USD);
  return (sum._sum.inputTokens ?? 0) + (sum._sum.outputTokens ?? 0);
}
