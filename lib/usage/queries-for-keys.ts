// Spend read straight from settled usage events, for the portal's key list, key page and
// approval queue. Amounts are USD; in-flight budget reservations are not spend.
import { db, type Prisma } from "@/lib/db";
import { readDb } from "@/lib/db/replica";
import type { PeriodWindow } from "@/lib/policy/periods";

const range = (w: PeriodWindow) => ({ gte: new Date(w.start), ...(w.end !== null ? { lt: new Date(w.end) } : {}) });

/** Spend per key, each over its own window; keys sharing a window are summed in one query. */
export async function spendByKey(orgId: string, items: { keyId: string; window: PeriodWindow }[]): Promise<Map<string, number>> {
  const groups = new Map<string, { window: PeriodWindow; keyIds: string[] }>();
  for (const { keyId, window } of items) {
    const id = `${window.start}:${window.end}`;
    const group = groups.get(id) ?? { window, keyIds: [] };
    group.keyIds.push(keyId);
    groups.set(id, group);
  }
  const out = new Map<string, number>();
  await Promise.all(
    [...groups.values()].map(async ({ window, keyIds }) => {
      const rows = await readDb.usageEvent.groupBy({
        by: ["keyId"],
        where: { orgId, keyId: { in: keyIds }, createdAt: range(window) },
        _sum: { costUsd: true },
      });
      for (const row of rows) if (row.keyId) out.set(row.keyId, Number(row._sum.costUsd ?? 0));
    }),
  );
  return out;
}

/** What each person spent since `since`, across all their keys: context for an approver. */
export async function spendByUser(orgId: string, userIds: string[], since: Date): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await readDb.usageEvent.groupBy({
    by: ["userId"],
    where: { orgId, userId: { in: userIds }, createdAt: { gte: since } },
    _sum: { costUsd: true },
  });
  return new Map(rows.flatMap((r) => (r.userId ? [[r.userId, Number(r._sum.costUsd ?? 0)] as const] : [])));
}

export type DailyUsage = { day: string; spendUsd: number; requests: number; tokens: number };

/** One row per calendar day (in the org's time zone) with any traffic, oldest first. */
export async function dailyUsageForKey(orgId: string, keyId: string, timeZone: string, since: Date): Promise<DailyUsage[]> {
  const rows = await readDb.$queryRaw<{ day: string; spend: Prisma.Decimal | null; requests: bigint; tokens: bigint | null }[]>`
    SELECT to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day,
           SUM("costUsd") AS spend, COUNT(*) AS requests, SUM("inputTokens" + "outputTokens") AS tokens
    FROM "UsageEvent"
    WHERE "orgId" = ${orgId} AND "keyId" = ${keyId} AND "createdAt" >= ${since}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ day: r.day, spendUsd: Number(r.spend ?? 0), requests: Number(r.requests), tokens: Number(r.tokens ?? 0) }));
}

/** Budget periods are calendar-aligned in the org's zone (lib/policy/periods.ts). */
export async function orgTimeZone(orgId: string): Promise<string> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { timeZone: true } });
  return org.timeZone;
}
