// "Who spent what, on which model": breakdowns and time series read from the hourly rollups,
// so they stay fast however many raw events there are. Every query is scoped to the actor's
// org, and to the actor's own usage unless they may read everyone's.
import { db, Prisma } from "@/lib/db";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";

export const GROUP_BY = ["key", "user", "team", "model", "provider"] as const;
export type GroupBy = (typeof GROUP_BY)[number];
const COLUMN: Record<GroupBy, string> = { key: '"keyId"', user: '"userId"', team: '"teamId"', model: "model", provider: "provider" };

export type Range = { from: Date; to: Date };
/** Narrows a query to one key, person or team (detail pages); ids are matched within the org. */
export type UsageFilter = { keyId?: string; userId?: string; teamId?: string };
export type UsageTotals = { requests: number; inputTokens: number; outputTokens: number; costUsd: number; rejected: number };

function narrow(filter: UsageFilter = {}): Prisma.Sql {
  const parts = [
    filter.keyId ? Prisma.sql`AND "keyId" = ${filter.keyId}` : null,
    filter.userId ? Prisma.sql`AND "userId" = ${filter.userId}` : null,
    filter.teamId ? Prisma.sql`AND "teamId" = ${filter.teamId}` : null,
  ].filter((p): p is Prisma.Sql => p !== null);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

function scope(actor: Actor, range: Range, filter?: UsageFilter): Prisma.Sql {
  requirePermission(actor, "usage.read.own");
  if (!(range.from < range.to)) throw new InvalidRequestError("`from` must be before `to`.", "from");
  const own = !can(actor, "usage.read.all");
  if (own && actor.kind !== "user") throw new InvalidRequestError("This token cannot read usage.", null);
  return Prisma.sql`"orgId" = ${actor.orgId} AND bucket >= ${range.from} AND bucket < ${range.to}
    ${own && actor.kind === "user" ? Prisma.sql`AND "userId" = ${actor.userId}` : Prisma.empty} ${narrow(filter)}`;
}

const TOTALS = Prisma.sql`sum(requests)::int AS requests, sum("inputTokens")::float8 AS "inputTokens",
  sum("outputTokens")::float8 AS "outputTokens", sum("costUsd")::float8 AS "costUsd",
  (sum(requests) FILTER (WHERE outcome = 'rejected'))::int AS rejected`;

export async function usageBreakdown({ actor, range, groupBy, limit = 50, filter }: { actor: Actor; range: Range; groupBy: GroupBy; limit?: number; filter?: UsageFilter }) {
  const column = Prisma.raw(COLUMN[groupBy]);
  const rows = await db.$queryRaw<({ id: string } & UsageTotals)[]>`
    SELECT ${column} AS id, ${TOTALS} FROM "UsageRollup" WHERE ${scope(actor, range, filter)}
    GROUP BY 1 ORDER BY "costUsd" DESC NULLS LAST, requests DESC LIMIT ${Math.min(limit, 1000)}`;
  return rows.map((r) => ({ ...r, id: r.id || null, rejected: r.rejected ?? 0 }));
}

export async function usageTimeseries({ actor, range, granularity, stackBy, filter }: { actor: Actor; range: Range; granularity: "day" | "hour"; stackBy?: GroupBy; filter?: UsageFilter }) {
  const series = stackBy ? Prisma.raw(COLUMN[stackBy]) : Prisma.sql`''`;
  const rows = await db.$queryRaw<({ bucket: Date; series: string } & UsageTotals)[]>`
    SELECT date_trunc(${granularity}, bucket) AS bucket, ${series} AS series, ${TOTALS}
    FROM "UsageRollup" WHERE ${scope(actor, range, filter)} GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ ...r, rejected: r.rejected ?? 0 }));
}

/** Rejections (rate limits, budgets, policy) over time by reason: which keys hit limits. */
export async function rejectionTimeseries({ actor, range, granularity, filter }: { actor: Actor; range: Range; granularity: "day" | "hour"; filter?: UsageFilter }) {
  return db.$queryRaw<{ bucket: Date; reason: string; keyId: string; requests: number }[]>`
    SELECT date_trunc(${granularity}, bucket) AS bucket, "errorCode" AS reason, "keyId", sum(requests)::int AS requests
    FROM "UsageRollup" WHERE ${scope(actor, range, filter)} AND outcome = 'rejected' GROUP BY 1, 2, 3 ORDER BY 1, 2`;
}

export async function usageTotals({ actor, range, filter }: { actor: Actor; range: Range; filter?: UsageFilter }): Promise<UsageTotals> {
  const [row] = await db.$queryRaw<UsageTotals[]>`SELECT ${TOTALS} FROM "UsageRollup" WHERE ${scope(actor, range, filter)}`;
  return { requests: row?.requests ?? 0, inputTokens: row?.inputTokens ?? 0, outputTokens: row?.outputTokens ?? 0, costUsd: row?.costUsd ?? 0, rejected: row?.rejected ?? 0 };
}
