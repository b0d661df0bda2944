import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { periodWindow, type Period, type PeriodWindow } from "@/lib/policy/periods";

export type KeyUsage = {
  spendUsd: number;
  tokensUsed: number;
  /** Usage in each budget's current period, by budget id. */
  byBudget: Record<string, number>;
};

/**
 * A key with what it used in its current periods, summed from settled usage events (the
 * ledger's in-flight reservations are not spend). The headline figures follow the key's first
 * spend and first token budget; a key without one reports the calendar month.
 */
export async function getKeyWithUsage({ actor, keyId, now = Date.now() }: { actor: Actor; keyId: string; now?: number }) {
  requirePermission(actor, "keys.read.own");
  const key = await getKeyOrThrow(actor, keyId, "read");
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { timeZone: true } });
  const windowOf = (period: Period) => periodWindow(period, org.timeZone, now);
  const spendWindow = windowOf(key.budgets.find((b) => b.kind === "spend")?.period ?? "monthly");
  const tokenWindow = windowOf(key.budgets.find((b) => b.kind === "tokens")?.period ?? "monthly");

  const sums = new Map<string, Promise<{ usd: number; tokens: number }>>();
  const sumOver = (w: PeriodWindow) => {
    const id = `${w.start}:${w.end}`;
    if (!sums.has(id)) sums.set(id, sumUsage(actor.orgId, key.id, w));
    return sums.get(id)!;
  };
  const [spend, tokens, budgets] = await Promise.all([
    sumOver(spendWindow),
    sumOver(tokenWindow),
    Promise.all(key.budgets.map(async (b) => [b.id, await sumOver(windowOf(b.period)), b.kind] as const)),
  ]);
  const usage: KeyUsage = {
    spendUsd: spend.usd,
    tokensUsed: tokens.tokens,
    byBudget: Object.fromEntries(budgets.map(([id, sum, kind]) => [id, kind === "spend" ? sum.usd : sum.tokens])),
  };
  return { key, usage };
}

async function sumUsage(orgId: string, keyId: string, w: PeriodWindow) {
  const { _sum } = await db.usageEvent.aggregate({
    where: { orgId, keyId, createdAt: { gte: new Date(w.start), ...(w.end !== null ? { lt: new Date(w.end) } : {}) } },
    _sum: { costUsd: true, inputTokens: true, outputTokens: true },
  });
  return { usd: Number(_sum.costUsd ?? 0), tokens: (_sum.inputTokens ?? 0) + (_sum.outputTokens ?? 0) };
}
