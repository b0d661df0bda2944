// Spent vs cap for every budget in the org, in each budget's current period, for the
// utilisation chart and the top-spender tables. Budgets that share a scope and a period window
// are summed in one grouped query over the hourly rollups, so a thousand key budgets cost a
// handful of queries rather than a thousand.
import { db, Prisma } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { periodWindow } from "@/lib/policy/periods";
import { loadDirectory } from "@/lib/orgs/directory";

export type Utilisation = {
  budgetId: string;
  scope: "org" | "team" | "user" | "key";
  targetId: string | null;
  label: string;
  kind: "spend" | "tokens";
  period: "daily" | "weekly" | "monthly" | "lifetime";
  limit: number;
  used: number;
  ratio: number;
  resetsAt: string | null;
};

const COLUMN = { key: Prisma.raw('"keyId"'), user: Prisma.raw('"userId"'), team: Prisma.raw('"teamId"'), org: Prisma.raw("''") } as const;

export async function listBudgetUtilisation({ actor, now = Date.now() }: { actor: Actor; now?: number }): Promise<Utilisation[]> {
  requirePermission(actor, "usage.read.all");
  const [org, budgets] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { timeZone: true, name: true } }),
    db.budget.findMany({
      // Budgets on dimension values are charted with the chargeback report, by value.
      where: { orgId: actor.orgId, scope: { not: "dimension" } },
      select: { id: true, scope: true, kind: true, period: true, limit: true, keyId: true, teamId: true, membership: { select: { userId: true } } },
    }),
  ]);
  const rows = budgets.map((b) => ({
    ...b,
    scope: b.scope as Utilisation["scope"],
    targetId: b.scope === "key" ? b.keyId : b.scope === "team" ? b.teamId : b.scope === "user" ? (b.membership?.userId ?? null) : null,
    window: periodWindow(b.period, org.timeZone, now),
  }));
  const groups = new Map<string, typeof rows>();
  const groupOf = (r: { scope: string; window: { start: number; end: number | null } }) => `${r.scope}|${r.window.start}|${r.window.end}`;
  for (const r of rows) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
  const sums = new Map<string, { usd: number; tokens: number }>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { scope, window } = group[0]!;
      const ids = group.map((r) => r.targetId ?? "");
      const result = await db.$queryRaw<{ id: string; usd: number | null; tokens: number | null }[]>`
        SELECT ${COLUMN[scope]} AS id, sum("costUsd")::float8 AS usd, sum("inputTokens" + "outputTokens")::float8 AS tokens
        FROM "UsageRollup" WHERE "orgId" = ${actor.orgId} AND bucket >= ${new Date(window.start)}
        ${window.end !== null ? Prisma.sql`AND bucket < ${new Date(window.end)}` : Prisma.empty}
        ${scope === "org" ? Prisma.empty : Prisma.sql`AND ${COLUMN[scope]} IN (${Prisma.join(ids)})`}
        GROUP BY 1`;
      for (const row of result) sums.set(`${groupOf({ scope, window })}|${row.id}`, { usd: row.usd ?? 0, tokens: row.tokens ?? 0 });
    }),
  );
  const dir = await loadDirectory(actor.orgId, {
    keyIds: rows.filter((r) => r.scope === "key").map((r) => r.targetId),
    userIds: rows.filter((r) => r.scope === "user").map((r) => r.targetId),
    teamIds: rows.filter((r) => r.scope === "team").map((r) => r.targetId),
  });
  return rows
    .map((r) => {
      const sum = sums.get(`${groupOf(r)}|${r.scope === "org" ? "" : (r.targetId ?? "")}`) ?? { usd: 0, tokens: 0 };
      const used = r.kind === "spend" ? sum.usd : sum.tokens;
      const limit = Number(r.limit);
      const label = r.scope === "org" ? org.name : dir[r.scope](r.targetId);
      return {
        budgetId: r.id,
        scope: r.scope,
        targetId: r.targetId,
        label,
        kind: r.kind,
        period: r.period,
        limit,
        used,
        ratio: limit > 0 ? used / limit : 0,
        resetsAt: r.window.end ? new Date(r.window.end).toISOString() : null,
      };
    })
    .sort((a, b) => ORDER[a.scope] - ORDER[b.scope] || b.ratio - a.ratio);
}

const ORDER = { org: 0, team: 1, user: 2, key: 3 } as const;
