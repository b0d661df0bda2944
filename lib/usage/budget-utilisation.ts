// Spent vs cap for every budget in the org (org, teams, members, keys), in each budget's
// current period. Read from the rollups; hour buckets align with periods in whole-hour zones.
import { db, Prisma } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { periodWindow } from "@/lib/policy/periods";

export type BudgetUtilisation = {
  budgetId: string;
  scope: "key" | "user" | "team" | "org" | "dimension";
  targetId: string | null;
  kind: "spend" | "tokens";
  period: "daily" | "weekly" | "monthly" | "lifetime";
  limit: number;
  used: number;
  ratio: number;
  resetsAt: Date | null;
};

export async function budgetUtilisation({ actor, now = Date.now() }: { actor: Actor; now?: number }): Promise<BudgetUtilisation[]> {
  requirePermission(actor, "usage.read.all");
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { timeZone: true } });
  const budgets = await db.budget.findMany({
    where: { orgId: actor.orgId },
    select: { id: true, scope: true, kind: true, period: true, limit: true, keyId: true, teamId: true, dimensionName: true, dimensionValue: true, membership: { select: { userId: true } } },
  });
  return Promise.all(
    budgets.map(async (b) => {
      const w = periodWindow(b.period, org.timeZone, now);
      const targetId = b.scope === "key" ? b.keyId : b.scope === "team" ? b.teamId : b.scope === "user" ? (b.membership?.userId ?? null) : b.scope === "dimension" ? `${b.dimensionName}=${b.dimensionValue}` : null;
      const filter =
        b.scope === "key" ? Prisma.sql`AND "keyId" = ${targetId}` : b.scope === "team" ? Prisma.sql`AND "teamId" = ${targetId}` : b.scope === "user" ? Prisma.sql`AND "userId" = ${targetId}`
        : b.scope === "dimension" ? Prisma.sql`AND nullif("dimensionKey", '')::jsonb ->> ${b.dimensionName} = ${b.dimensionValue}` : Prisma.empty;
      const measure = b.kind === "spend" ? Prisma.sql`sum("costUsd")` : Prisma.sql`sum("inputTokens" + "outputTokens")`;
      const [row] = await db.$queryRaw<{ used: number | null }[]>`
        SELECT ${measure}::float8 AS used FROM "UsageRollup"
        WHERE "orgId" = ${actor.orgId} AND bucket >= ${new Date(w.start)} ${w.end ? Prisma.sql`AND bucket < ${new Date(w.end)}` : Prisma.empty} ${filter}`;
      const limit = Number(b.limit);
      const used = row?.used ?? 0;
      return { budgetId: b.id, scope: b.scope, targetId, kind: b.kind, period: b.period, limit, used, ratio: limit > 0 ? used / limit : 0, resetsAt: w.end ? new Date(w.end) : null };
    }),
  );
}
