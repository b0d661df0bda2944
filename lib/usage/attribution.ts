// "Who spent what, on which model": breakdowns and time series read from the rollups (whole
// UTC days from the daily table, the partial days at the edges from the hourly one), so they
// stay fast however many raw events there are. Every query is scoped to the actor's
// org, and to the actor's own usage unless they may read everyone's.
import { Prisma } from "@/lib/db";
import { readDb } from "@/lib/db/replica";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";

export const GROUP_BY = ["key", "user", "team", "model", "provider", "kind"] as const;
/** A built-in grouping, or `dimension:<name>` for one of the org's attribution dimensions. */
export type GroupBy = (typeof GROUP_BY)[number] | `dimension:${string}`;
const COLUMN: Record<(typeof GROUP_BY)[number], string> = {
  key: '"keyId"',
  user: '"userId"',
  team: '"teamId"',
  model: "model",
  provider: "provider",
  kind: '"keyKind"',
};
const DIMENSION_GROUP = /^dimension:([a-z][a-z0-9_]{0,39})$/;

export const isGroupBy = (value: string): value is GroupBy => (GROUP_BY as readonly string[]).includes(value) || DIMENSION_GROUP.test(value);

/** A dimension's value in a rollup row ('' when the row has none). */
const dimensionValue = (name: string) => Prisma.sql`coalesce(nullif("dimensionKey", '')::jsonb ->> ${name}, '')`;

function groupColumn(groupBy: GroupBy): Prisma.Sql {
  const dimension = DIMENSION_GROUP.exec(groupBy)?.[1];
  if (dimension) return dimensionValue(dimension);
  if (!(groupBy in COLUMN)) throw new InvalidRequestError(`Cannot group by \`${groupBy}\`.`, "group_by");
  return Prisma.raw(COLUMN[groupBy as (typeof GROUP_BY)[number]]);
}

export type Range = { from: Date; to: Date };
/** Narrows a query to one key, person or team (detail pages); ids are matched within the org. */
export type UsageFilter = { keyId?: string; userId?: string; teamId?: string; keyKind?: string; model?: string; dimensions?: Readonly<Record<string, string>> };
export type UsageTotals = { requests: number; inputTokens: number; outputTokens: number; costUsd: number; rejected: number };

function narrow(filter: UsageFilter = {}): Prisma.Sql {
  const parts = [
    filter.keyId ? Prisma.sql`AND "keyId" = ${filter.keyId}` : null,
    filter.userId ? Prisma.sql`AND "userId" = ${filter.userId}` : null,
    filter.teamId ? Prisma.sql`AND "teamId" = ${filter.teamId}` : null,
    filter.keyKind ? Prisma.sql`AND "keyKind" = ${filter.keyKind}` : null,
    filter.model ? Prisma.sql`AND model = ${filter.model}` : null,
    ...Object.entries(filter.dimensions ?? {}).map(([name, value]) => Prisma.sql`AND ${dimensionValue(name)} = ${value}`),
  ].filter((p): p is Prisma.Sql => p !== null);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

const DAY_MS = 86_400_000;
const CLASS_COLUMNS = `"cachedInputTokens", "cacheWrite5mTokens", "cacheWrite1hTokens", "reasoningTokens", "audioInputTokens", "audioOutputTokens", "webSearchRequests", "estimatedRequests", "degradedRequests"`;
const COLUMNS = Prisma.raw(
  `bucket, "keyId", "userId", "teamId", "keyKind", "dimensionKey", provider, model, outcome, "errorCode", requests, "inputTokens", "outputTokens", "costUsd", ${CLASS_COLUMNS}`,
);

/** The rollup rows of the actor's org (and own usage unless they may read all) in a range, as `r`. */
function source(actor: Actor, range: Range, filter?: UsageFilter, hourly = false): Prisma.Sql {
  requirePermission(actor, "usage.read.own");
  if (!(range.from < range.to)) throw new InvalidRequestError("`from` must be before `to`.", "from");
  const own = !can(actor, "usage.read.all");
  if (own && actor.kind !== "user") throw new InvalidRequestError("This token cannot read usage.", null);
  const where = Prisma.sql`"orgId" = ${actor.orgId} ${own && actor.kind === "user" ? Prisma.sql`AND "userId" = ${actor.userId}` : Prisma.empty} ${narrow(filter)}`;
  const dayStart = new Date(Math.ceil(range.from.getTime() / DAY_MS) * DAY_MS);
  const dayEnd = new Date(Math.floor(range.to.getTime() / DAY_MS) * DAY_MS);
  if (hourly || dayStart >= dayEnd)
    return Prisma.sql`(SELECT ${COLUMNS} FROM "UsageRollup" WHERE ${where} AND bucket >= ${range.from} AND bucket < ${range.to}) AS r`;
  return Prisma.sql`(SELECT ${COLUMNS} FROM "UsageRollupDaily" WHERE ${where} AND bucket >= ${dayStart} AND bucket < ${dayEnd}
    UNION ALL SELECT ${COLUMNS} FROM "UsageRollup" WHERE ${where}
      AND ((bucket >= ${range.from} AND bucket < ${dayStart}) OR (bucket >= ${dayEnd} AND bucket < ${range.to}))) AS r`;
}

const TOTALS = Prisma.sql`sum(requests)::int AS requests, sum("inputTokens")::float8 AS "inputTokens",
  sum("outputTokens")::float8 AS "outputTokens", sum("costUsd")::float8 AS "costUsd",
  (sum(requests) FILTER (WHERE outcome = 'rejected'))::int AS rejected`;

export async function usageBreakdown({
  actor,
  range,
  groupBy,
  limit = 50,
  filter,
}: {
  actor: Actor;
  range: Range;
  groupBy: GroupBy;
  limit?: number;
  filter?: UsageFilter;
}) {
  const column = groupColumn(groupBy);
  const rows = await readDb.$queryRaw<({ id: string } & UsageTotals)[]>`
    SELECT ${column} AS id, ${TOTALS} FROM ${source(actor, range, filter)}
    GROUP BY 1 ORDER BY "costUsd" DESC NULLS LAST, requests DESC LIMIT ${Math.min(limit, 1000)}`;
  return rows.map((r) => ({ ...r, id: r.id || null, rejected: r.rejected ?? 0 }));
}

export async function usageTimeseries({
  actor,
  range,
  granularity,
  stackBy,
  filter,
}: {
  actor: Actor;
  range: Range;
  granularity: "day" | "hour";
  stackBy?: GroupBy;
  filter?: UsageFilter;
}) {
  const series = stackBy ? groupColumn(stackBy) : Prisma.sql`''`;
  const rows = await readDb.$queryRaw<({ bucket: Date; series: string } & UsageTotals)[]>`
    SELECT date_trunc(${granularity}, bucket) AS bucket, ${series} AS series, ${TOTALS}
    FROM ${source(actor, range, filter, granularity === "hour")} GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ ...r, rejected: r.rejected ?? 0 }));
}

/** Rejections (rate limits, budgets, policy) over time by reason: which keys hit limits. */
export async function rejectionTimeseries({
  actor,
  range,
  granularity,
  filter,
}: {
  actor: Actor;
  range: Range;
  granularity: "day" | "hour";
  filter?: UsageFilter;
}) {
  return readDb.$queryRaw<{ bucket: Date; reason: string; keyId: string; requests: number }[]>`
    SELECT date_trunc(${granularity}, bucket) AS bucket, "errorCode" AS reason, "keyId", sum(requests)::int AS requests
    FROM ${source(actor, range, filter, granularity === "hour")} WHERE outcome = 'rejected' GROUP BY 1, 2, 3 ORDER BY 1, 2`;
}

/** Requests a degrade rule routed or throttled, per bucket and model used (rollups). */
export async function degradedTimeseries({ actor, range, granularity }: { actor: Actor; range: Range; granularity: "day" | "hour" }) {
  return readDb.$queryRaw<{ bucket: Date; model: string; requests: number }[]>`
    SELECT date_trunc(${granularity}, bucket) AS bucket, model, sum("degradedRequests")::int AS requests
    FROM ${source(actor, range, undefined, granularity === "hour")} WHERE "degradedRequests" > 0 GROUP BY 1, 2 ORDER BY 1, 2`;
}

export async function usageTotals({ actor, range, filter }: { actor: Actor; range: Range; filter?: UsageFilter }): Promise<UsageTotals> {
  const [row] = await readDb.$queryRaw<UsageTotals[]>`SELECT ${TOTALS} FROM ${source(actor, range, filter)}`;
  return {
    requests: row?.requests ?? 0,
    inputTokens: row?.inputTokens ?? 0,
    outputTokens: row?.outputTokens ?? 0,
    costUsd: row?.costUsd ?? 0,
    rejected: row?.rejected ?? 0,
  };
}

/** Tokens of a range by billing class; cache, reasoning and audio counts are inside input / output. */
export type TokenClassTotals = {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  audioInputTokens: number;
  audioOutputTokens: number;
  webSearchRequests: number;
  estimatedRequests: number;
};
const CLASS_KEYS = [
  "inputTokens",
  "cachedInputTokens",
  "cacheWrite5mTokens",
  "cacheWrite1hTokens",
  "outputTokens",
  "reasoningTokens",
  "audioInputTokens",
  "audioOutputTokens",
  "webSearchRequests",
  "estimatedRequests",
] as const;

export async function usageTokenClasses({ actor, range, filter }: { actor: Actor; range: Range; filter?: UsageFilter }): Promise<TokenClassTotals> {
  const sums = Prisma.raw(CLASS_KEYS.map((k) => `coalesce(sum("${k}"), 0)::float8 AS "${k}"`).join(", "));
  const [row] = await readDb.$queryRaw<TokenClassTotals[]>`SELECT ${sums} FROM ${source(actor, range, filter)}`;
  return Object.fromEntries(CLASS_KEYS.map((k) => [k, row?.[k] ?? 0])) as TokenClassTotals;
}

/** Totals by two groupings at once (e.g. cost center × key), for reports that rank within groups. */
export async function usageCrossTab({
  actor,
  range,
  first,
  second,
  filter,
}: {
  actor: Actor;
  range: Range;
  first: GroupBy;
  second: GroupBy;
  filter?: UsageFilter;
}) {
  const rows = await readDb.$queryRaw<({ a: string; b: string } & UsageTotals)[]>`
    SELECT ${groupColumn(first)} AS a, ${groupColumn(second)} AS b, ${TOTALS} FROM ${source(actor, range, filter)}
    GROUP BY 1, 2 ORDER BY "costUsd" DESC NULLS LAST, requests DESC`;
  return rows.map((r) => ({ ...r, rejected: r.rejected ?? 0 }));
}
