// Rebuilds a budget counter's settled total from Postgres: at the start of a period on a fresh
// Redis, or after Redis lost its data. Off the warm path (once per counter per period).
import { db } from "@/lib/db";
import { NANO_PER_USD, type BudgetRule } from "@/lib/policy/budget-rules";

export type ScopeIds = { orgId: string; keyId: string; userId: string | null; teamId: string | null };

type SettledSource = (rule: BudgetRule, ids: ScopeIds, start: number, end: number | null) => Promise<number>;
/** Counters that count something other than usage (the MCP gateway's call quotas) register their own rebuild by rule id prefix. */
const sources = new Map<string, SettledSource>();
export const registerSettledSource = (idPrefix: string, source: SettledSource) => void sources.set(idPrefix, source);

export async function settledInPeriod(rule: BudgetRule, ids: ScopeIds, start: number, end: number | null): Promise<number> {
  for (const [prefix, source] of sources) if (rule.id.startsWith(prefix)) return source(rule, ids, start, end);
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
  // Priced tool calls count against the same spend caps (tool calls carry no attribution dimensions).
  const tools = rule.kind === "spend" && rule.scope !== "dimension" ? await db.toolCallEvent.aggregate({ where, _sum: { costUsd: true } }) : null;
  if (rule.kind === "spend") return Math.ceil((Number(sum._sum.costUsd ?? 0) + Number(tools?._sum.costUsd ?? 0)) * NANO_PER_USD);
  return (sum._sum.inputTokens ?? 0) + (sum._sum.outputTokens ?? 0);
}
